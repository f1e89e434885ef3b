# PadLab's helpers for the Keras Applications builders in this directory: argument checks, the
# model's input, the classifier head and the padding/width rules the builders share.
# What they check and the error texts are Keras's (keras/src/applications/imagenet_utils.py
# and the argument checks at the top of each keras/src/applications/*.py builder); channels_last
# only, as PadLab's image_data_format() is.
import warnings
from keras import layers
from keras import backend
from keras.src.utils import file_utils
from keras.src.ops import operation_utils


# Keras's builders word their two weights errors in several ways; the texts by builder family
# (keras/src/applications/vgg16.py and resnet.py, mobilenet.py, mobilenet_v2.py, densenet.py,
# inception_v3.py, xception.py, inception_resnet_v2.py): how 'imagenet' is quoted, how the
# first text ends, and the second. {0}: the value received.
WEIGHTS_TEXTS = {
    "resnet": ("'imagenet'", ".  Received: weights={0}"),
    "mobilenet": ("'imagenet'", ". Received weights={0}"),
    "mobilenet_v2": ("`imagenet`", ".  Received `weights={0}`"),
    "densenet": ("`imagenet`", "."),
    "inception_v3": ("`imagenet`", "; Received: weights={0}"),
    "xception": ("'imagenet'", "."),
    "inception_resnet_v2": ("`imagenet`", "."),
}
CLASSES_TEXTS = {
    "resnet": "If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  "
              "Received classes={0}",
    "mobilenet_v2": 'If using `weights="imagenet"` with `include_top` as true, `classes` should be '
                    "1000. Received `classes={0}`",
    "densenet": 'If using `weights` as `"imagenet"` with `include_top` as true, `classes` should be 1000',
    "inception_v3": 'If using `weights="imagenet"` with `include_top=True`, `classes` should be 1000. '
                    "Received classes={0}",
}
CLASSES_TEXTS["mobilenet"] = CLASSES_TEXTS["resnet"]
CLASSES_TEXTS["xception"] = CLASSES_TEXTS["resnet"]
CLASSES_TEXTS["inception_resnet_v2"] = CLASSES_TEXTS["inception_v3"]


def check_weights(weights, include_top, classes, family="resnet"):
    known = weights is None or weights == "imagenet"
    if not (known or file_utils.exists(weights)):
        quote, tail = WEIGHTS_TEXTS[family]
        raise ValueError(
            f"The `weights` argument should be either `None` (random initialization), {quote} "
            "(pre-training on ImageNet), or the path to the weights file to be loaded"
            + tail.format(weights)
        )
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError(CLASSES_TEXTS[family].format(classes))


def obtain_input_shape(input_shape, default_size, min_size, require_flatten, weights):
    # The shape the model is built on: `input_shape` checked against the ImageNet weights'
    # constraints, or the default (a static one when the classifier needs it).
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        if input_shape[-1] not in [1, 3]:
            warnings.warn(
                "This model usually expects 1 or 3 input channels. However, it was passed an "
                f"input_shape with {input_shape[-1]} input channels."
            )
        default_shape = (default_size, default_size, input_shape[-1])
    else:
        default_shape = (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and tuple(input_shape) != default_shape:
            raise ValueError(
                "When setting `include_top=True` and loading `imagenet` weights, `input_shape` "
                f"should be {default_shape}.  Received: input_shape={input_shape}"
            )
        return default_shape
    if input_shape:
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        if input_shape[-1] != 3 and weights == "imagenet":
            raise ValueError(f"The input must have 3 channels; Received `input_shape={input_shape}`")
        small = [d for d in input_shape[:2] if d is not None and d < min_size]
        if small:
            raise ValueError(
                f"Input size must be at least {min_size}x{min_size}; Received: input_shape={input_shape}"
            )
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError(
            "If `include_top` is True, you should specify a static `input_shape`. "
            f"Received: input_shape={input_shape}"
        )
    return input_shape


def image_input(input_tensor, input_shape):
    # The tensor the network starts from: a new Input, or the caller's tensor.
    if input_tensor is None:
        return layers.Input(shape=input_shape)
    if not backend.is_keras_tensor(input_tensor):
        return layers.Input(tensor=input_tensor, shape=input_shape)
    return input_tensor


def model_inputs(input_tensor, img_input):
    # The model's inputs: the Inputs the caller's tensor comes from, else the new Input.
    if input_tensor is not None:
        return operation_utils.get_source_inputs(input_tensor)
    return img_input


def check_classifier_activation(classifier_activation, weights):
    # Pretrained classifiers end in softmax (or no activation); any other is refused.
    if weights is None:
        return
    if classifier_activation not in [None, "softmax"]:
        raise ValueError(
            "Only `None` and `softmax` activations are allowed for the `classifier_activation` "
            "argument when using pretrained weights, with `include_top=True`; Received: "
            f"classifier_activation={classifier_activation}"
        )


def head(x, include_top, pooling, classes, classifier_activation, weights, top_pool="avg_pool",
         pool_names=True):
    # The usual end of a network: global average pooling (named top_pool, or automatically
    # when None) and a Dense classifier with the top, else the optional global pooling, named
    # "avg_pool" / "max_pool" with pool_names and automatically without.
    if include_top:
        if top_pool:
            x = layers.GlobalAveragePooling2D(name=top_pool)(x)
        else:
            x = layers.GlobalAveragePooling2D()(x)
        check_classifier_activation(classifier_activation, weights)
        return layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    if not pool_names:
        return pooled(x, pooling)
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name="avg_pool")(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name="max_pool")(x)
    return x


def pooled(x, pooling):
    # include_top=False with pooling, as unnamed layers (VGG, MobileNet).
    if pooling == "avg":
        return layers.GlobalAveragePooling2D()(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D()(x)
    return x


def make_divisible(v, divisor, min_value=None):
    # The nearest multiple of divisor to v, never below min_value nor 10% under v (MobileNet
    # widths).
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def correct_pad(x, kernel_size):
    # The ZeroPadding2D before a stride-2 "valid" conv that lines up with TF's "same": one
    # pixel less on the top/left when the side is even.
    rows = x.shape[1]
    cols = x.shape[2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    if rows is None:
        adjust = (1, 1)
    else:
        adjust = (1 - rows % 2, 1 - cols % 2)
    half = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((half[0] - adjust[0], half[0]), (half[1] - adjust[1], half[1]))


def file_exists(path):
    return file_utils.exists(path)
