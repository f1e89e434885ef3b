# MobileNetV3Small / MobileNetV3Large (Howard et al., "Searching for MobileNetV3", 2019: inverted
# residuals with squeeze-and-excite and hard-swish), PadLab's builder. Layer names, order,
# arguments and argument checks are Keras's (keras/src/applications/mobilenet_v3.py); blocks
# "expanded_conv_<id>_" (block 0: "expanded_conv_").
import warnings
import keras
from keras import layers
from keras import backend
from keras.src.applications import common

# The paper's tables 1 and 2, one row per block: (expansion, output filters, kernel, stride,
# squeeze-and-excite, activation). kernel "k", se True and activation "act" are the variant's:
# 5 / SE / hard-swish, or with minimalistic=True 3 / no SE / ReLU.
SMALL = [
    (1, 16, 3, 2, True, "relu"),
    (72.0 / 16, 24, 3, 2, False, "relu"),
    (88.0 / 24, 24, 3, 1, False, "relu"),
    (4, 40, "k", 2, True, "act"),
    (6, 40, "k", 1, True, "act"),
    (6, 40, "k", 1, True, "act"),
    (3, 48, "k", 1, True, "act"),
    (3, 48, "k", 1, True, "act"),
    (6, 96, "k", 2, True, "act"),
    (6, 96, "k", 1, True, "act"),
    (6, 96, "k", 1, True, "act"),
]
LARGE = [
    (1, 16, 3, 1, False, "relu"),
    (4, 24, 3, 2, False, "relu"),
    (3, 24, 3, 1, False, "relu"),
    (3, 40, "k", 2, True, "relu"),
    (3, 40, "k", 1, True, "relu"),
    (3, 40, "k", 1, True, "relu"),
    (6, 80, 3, 2, False, "act"),
    (2.5, 80, 3, 1, False, "act"),
    (2.3, 80, 3, 1, False, "act"),
    (2.3, 80, 3, 1, False, "act"),
    (6, 112, 3, 1, True, "act"),
    (6, 112, 3, 1, True, "act"),
    (6, 160, "k", 2, True, "act"),
    (6, 160, "k", 1, True, "act"),
    (6, 160, "k", 1, True, "act"),
]
SE_RATIO = 0.25


def activate(x, act):
    if act == "relu":
        return layers.ReLU()(x)
    return layers.Activation("hard_swish")(x)


# Two Keras 3 operations, add and multiply (keras/src/ops/numpy.py Add, Multiply): summary rows
# that model.layers leaves out; tf.keras makes them TFOpLambda layers (tf.__operators__.add,
# tf.math.multiply). keras/src/applications/mobilenet_v3.py; tf.keras's hard_swish differs
# (a Multiply layer of x and hard_sigmoid(x), tf_keras/applications/mobilenet_v3.py), so PadLab's
# tf.keras reading of this Keras 3 builder is not tf.keras's model.
def hard_sigmoid(x):
    return layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0)


def bn(x, name):
    return layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=name)(x)


def squeeze_excite(inputs, filters, prefix):
    x = layers.GlobalAveragePooling2D(keepdims=True, name=prefix + "squeeze_excite_avg_pool")(inputs)
    x = layers.Conv2D(common.make_divisible(filters * SE_RATIO, 8), kernel_size=1, padding="same",
                      name=prefix + "squeeze_excite_conv")(x)
    x = layers.ReLU(name=prefix + "squeeze_excite_relu")(x)
    x = layers.Conv2D(filters, kernel_size=1, padding="same", name=prefix + "squeeze_excite_conv_1")(x)
    x = hard_sigmoid(x)
    return layers.Multiply(name=prefix + "squeeze_excite_mul")([inputs, x])


def block(x, row, alpha, kernel_k, use_se, act_k, block_id):
    expansion, filters, kernel, stride, se, act = row
    filters = common.make_divisible(filters * alpha, 8)
    kernel = kernel_k if kernel == "k" else kernel
    act = act_k if act == "act" else "relu"
    shortcut = x
    in_channels = x.shape[-1]
    expanded = common.make_divisible(in_channels * expansion, 8)
    prefix = f"expanded_conv_{block_id}_" if block_id else "expanded_conv_"
    if block_id:
        x = layers.Conv2D(expanded, kernel_size=1, padding="same", use_bias=False,
                          name=prefix + "expand")(x)
        x = activate(bn(x, prefix + "expand_bn"), act)
    if stride == 2:
        x = layers.ZeroPadding2D(padding=common.correct_pad(x, kernel), name=prefix + "depthwise_pad")(x)
    x = layers.DepthwiseConv2D(kernel, strides=stride, padding="same" if stride == 1 else "valid",
                               use_bias=False, name=prefix + "depthwise")(x)
    x = activate(bn(x, prefix + "depthwise_bn"), act)
    if se and use_se:
        x = squeeze_excite(x, expanded, prefix)
    x = layers.Conv2D(filters, kernel_size=1, padding="same", use_bias=False, name=prefix + "project")(x)
    x = bn(x, prefix + "project_bn")
    if stride == 1 and in_channels == filters:
        x = layers.Add(name=prefix + "add")([shortcut, x])
    return x


def build(rows_table, last_point_ch, input_shape, alpha, minimalistic, include_top, weights,
          input_tensor, classes, pooling, dropout_rate, classifier_activation,
          include_preprocessing, name):
    if not (weights is None or weights == "imagenet" or common.file_exists(weights)):
        raise ValueError(
            "The `weights` argument should be either `None` (random initialization), `imagenet` "
            "(pre-training on ImageNet), or the path to the weights file to be loaded.  "
            f"Received weights={weights}"
        )
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights="imagenet"` with `include_top` as true, `classes` should '
                         f"be 1000.  Received classes={classes}")
    # Without input_shape: a Keras tensor's size (Keras writes it as (cols, rows, 3)), else any.
    if input_shape is None and input_tensor is not None and backend.is_keras_tensor(input_tensor):
        input_shape = (input_tensor.shape[2], input_tensor.shape[1], 3)
    if input_shape is None:
        input_shape = (None, None, 3)
    rows = input_shape[0]
    cols = input_shape[1]
    if rows and cols and (rows < 32 or cols < 32):
        raise ValueError(f"Input size must be at least 32x32; Received `input_shape={input_shape}`")
    if weights == "imagenet":
        if (not minimalistic and alpha not in [0.75, 1.0]) or (minimalistic and alpha != 1.0):
            raise ValueError("If imagenet weights are being loaded, alpha can be one of `0.75`, "
                             "`1.0` for non minimalistic or `1.0` for minimalistic only.")
        if rows != cols or rows != 224:
            warnings.warn("`input_shape` is undefined or non-square, or `rows` is not 224. Weights "
                          "for input shape (224, 224) will be loaded as the default.")
    img_input = common.image_input(input_tensor, input_shape)
    kernel_k, use_se, act_k = (3, False, "relu") if minimalistic else (5, True, "hard_swish")
    x = img_input
    if include_preprocessing:
        x = layers.Rescaling(scale=1.0 / 127.5, offset=-1.0)(x)
    x = layers.Conv2D(16, kernel_size=3, strides=(2, 2), padding="same", use_bias=False, name="conv")(x)
    x = activate(bn(x, "conv_bn"), act_k)
    for block_id, row in enumerate(rows_table):
        x = block(x, row, alpha, kernel_k, use_se, act_k, block_id)
    last_conv_ch = common.make_divisible(x.shape[-1] * 6, 8)
    if alpha > 1.0:
        last_point_ch = common.make_divisible(last_point_ch * alpha, 8)
    x = layers.Conv2D(last_conv_ch, kernel_size=1, padding="same", use_bias=False, name="conv_1")(x)
    x = activate(bn(x, "conv_1_bn"), act_k)
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Conv2D(last_point_ch, kernel_size=1, padding="same", use_bias=True, name="conv_2")(x)
        x = activate(x, act_k)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate)(x)
        x = layers.Conv2D(classes, kernel_size=1, padding="same", name="logits")(x)
        x = layers.Flatten()(x)
        common.check_classifier_activation(classifier_activation, weights)
        x = layers.Activation(activation=classifier_activation, name="predictions")(x)
    else:
        x = common.head(x, False, pooling, classes, classifier_activation, weights)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def MobileNetV3Small(input_shape=None, alpha=1.0, minimalistic=False, include_top=True,
                     weights="imagenet", input_tensor=None, classes=1000, pooling=None,
                     dropout_rate=0.2, classifier_activation="softmax", include_preprocessing=True,
                     name="MobileNetV3Small"):
    return build(SMALL, 1024, input_shape, alpha, minimalistic, include_top, weights, input_tensor,
                 classes, pooling, dropout_rate, classifier_activation, include_preprocessing, name)


def MobileNetV3Large(input_shape=None, alpha=1.0, minimalistic=False, include_top=True,
                     weights="imagenet", input_tensor=None, classes=1000, pooling=None,
                     dropout_rate=0.2, classifier_activation="softmax", include_preprocessing=True,
                     name="MobileNetV3Large"):
    return build(LARGE, 1280, input_shape, alpha, minimalistic, include_top, weights, input_tensor,
                 classes, pooling, dropout_rate, classifier_activation, include_preprocessing, name)
