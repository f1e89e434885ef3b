# ConvNeXtTiny, Small, Base, Large, XLarge (Liu et al., "A ConvNet for the 2020s", 2022: a
# patchify stem, stages of 7x7 depthwise conv - LayerNorm - 4x MLP blocks with layer scale,
# LayerNorm + 2x2 stride-2 conv downsampling), PadLab's builder. Layer names, order, arguments
# and argument checks are Keras's (keras/src/applications/convnext.py, Keras 3.16,
# keras-team/keras 3422977a): "<name>_stem" and "<name>_downsampling_block_<i>" are nested
# Sequential models, blocks "<name>_stage_<i>_block_<j>_...".
#
# How Keras builds it, and what differs by era (tf_keras/applications/convnext.py, tf-keras
# 2.21, dd0a7237):
#   * A block ends `inputs + layer(x)`, tensor arithmetic. Keras 3 records it as the operation
#     ops.Add: its summary lists it ("add (Add)", "add_1", ... connected to both tensors), but
#     len(model.layers) does not count it. tf.keras makes it a TFOpLambda layer
#     "tf.__operators__.add", "tf.__operators__.add_1", ..., which model.layers counts: 18 more
#     layers in Tiny, 36 in the others. PadLab prints both eras' rows.
#   * LayerScale (one trainable weight of shape (projection_dim,)) is the application's own
#     layer in both eras; every exported model passes drop_path_rate=0.0, so StochasticDepth
#     is never built and each block ends in Activation("linear") "_identity".
#   * include_preprocessing (default True) puts a Normalization with ImageNet's mean and
#     variance on the 0..255 scale first (no weights when they are given), named
#     "<name>_prestem_normalization", when the input has 3 channels.
#   * Keras 3.0-3.3 and tf.keras name the model with `model_name=` (tf.keras: the first
#     positional argument); Keras 3.4+ with `name=` (the last). PadLab follows Keras 3.16's
#     order and also accepts `model_name=` by keyword, for tf.keras snippets.
#   * With input_tensor, Keras 3.9+ starts from that tensor; tf.keras and Keras before 3.9
#     start from its source Input (layers in between are skipped).
#   * Keras 3.9+ refuses weights="imagenet" when the model's name does not contain the
#     weights' ("convnext_tiny"); tf.keras does not check. The weights and classes errors
#     are worded differently in tf.keras ("If using `weights` as `'imagenet'` with
#     `include_top` as true, `classes` should be 1000").
import keras
from keras import layers
from keras.src.applications import common
from keras.src.ops import operation_utils

# (depths, projection dims) per stage; every model's default size is 224.
CONFIGS = {
    "tiny": ([3, 3, 9, 3], [96, 192, 384, 768]),
    "small": ([3, 3, 27, 3], [96, 192, 384, 768]),
    "base": ([3, 3, 27, 3], [128, 256, 512, 1024]),
    "large": ([3, 3, 27, 3], [192, 384, 768, 1536]),
    "xlarge": ([3, 3, 27, 3], [256, 512, 1024, 2048]),
}
EPS = 1e-6
# ImageNet's mean and variance, for inputs in 0..255.
MEAN = [0.485 * 255, 0.456 * 255, 0.406 * 255]
VARIANCE = [(0.229 * 255) ** 2, (0.224 * 255) ** 2, (0.225 * 255) ** 2]


def linspace(stop, n):
    # numpy.linspace(0.0, stop, n): the stochastic-depth rate of each block.
    if n == 1:
        return [0.0]
    return [stop * k / (n - 1) for k in range(n)]


def convnext_block(inputs, dim, drop_path_rate, layer_scale_init_value, prefix):
    x = layers.Conv2D(dim, kernel_size=7, padding="same", groups=dim, name=prefix + "_depthwise_conv")(inputs)
    x = layers.LayerNormalization(epsilon=EPS, name=prefix + "_layernorm")(x)
    x = layers.Dense(4 * dim, name=prefix + "_pointwise_conv_1")(x)
    x = layers.Activation("gelu", name=prefix + "_gelu")(x)
    x = layers.Dense(dim, name=prefix + "_pointwise_conv_2")(x)
    if layer_scale_init_value is not None:
        x = layers.LayerScale(layer_scale_init_value, dim, name=prefix + "_layer_scale")(x)
    if drop_path_rate:
        x = layers.StochasticDepth(drop_path_rate, name=prefix + "_stochastic_depth")(x)
    else:
        x = layers.Activation("linear", name=prefix + "_identity")(x)
    return inputs + x


def ConvNeXt(depths, projection_dims, drop_path_rate=0.0, layer_scale_init_value=1e-6, default_size=224,
             name="convnext", include_preprocessing=True, include_top=True, weights=None, input_tensor=None,
             input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", weights_name=None):
    if not (weights is None or weights == "imagenet" or common.file_exists(weights)):
        raise ValueError(
            "The `weights` argument should be either `None` (random initialization), `imagenet` "
            "(pre-training on ImageNet), or the path to the weights file to be loaded."
        )
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights="imagenet"` with `include_top=True`, `classes` should be 1000. '
                         f"Received classes={classes}")
    input_shape = common.obtain_input_shape(input_shape, default_size, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    if input_tensor is not None:
        inputs = operation_utils.get_source_inputs(input_tensor)[0]
        x = input_tensor
    else:
        inputs = img_input
        x = inputs
    if include_preprocessing and input_shape[2] == 3:
        x = layers.Normalization(mean=MEAN, variance=VARIANCE, name=name + "_prestem_normalization")(x)
    # The stem and the three downsampling blocks, made before the stages as Keras makes them.
    downsampling = [keras.Sequential([
        layers.Conv2D(projection_dims[0], kernel_size=4, strides=4, name=name + "_stem_conv"),
        layers.LayerNormalization(epsilon=EPS, name=name + "_stem_layernorm"),
    ], name=name + "_stem")]
    for i in range(3):
        downsampling.append(keras.Sequential([
            layers.LayerNormalization(epsilon=EPS, name=f"{name}_downsampling_layernorm_{i}"),
            layers.Conv2D(projection_dims[i + 1], kernel_size=2, strides=2, name=f"{name}_downsampling_conv_{i}"),
        ], name=f"{name}_downsampling_block_{i}"))
    rates = linspace(drop_path_rate, sum(depths))
    cur = 0
    for i in range(4):
        x = downsampling[i](x)
        for j in range(depths[i]):
            x = convnext_block(x, projection_dims[i], rates[cur + j], layer_scale_init_value,
                               name + f"_stage_{i}_block_{j}")
        cur += depths[i]
    if include_top:
        common.check_classifier_activation(classifier_activation, weights)
        x = layers.GlobalAveragePooling2D(name=name + "_head_gap")(x)
        x = layers.LayerNormalization(epsilon=EPS, name=name + "_head_layernorm")(x)
        x = layers.Dense(classes, activation=classifier_activation, name=name + "_head_dense")(x)
    else:
        x = common.pooled(x, pooling)
        x = layers.LayerNormalization(epsilon=EPS)(x)
    model = keras.Model(inputs=inputs, outputs=x, name=name)
    if weights == "imagenet":
        variant = weights_name.split("convnext_")[-1]
        expected_depths, expected_dims = CONFIGS[variant]
        if depths != expected_depths or projection_dims != expected_dims:
            raise ValueError(
                f"Architecture configuration does not match {weights_name} variant. When using pre-trained "
                "weights, the model architecture must match the pre-trained configuration exactly. Expected "
                f"depths: {expected_depths}, got: {depths}. Expected projection_dims: {expected_dims}, got: "
                f"{projection_dims}."
            )
        if weights_name not in name:
            raise ValueError(
                f'Model name "{name}" does not match weights variant "{weights_name}". When using imagenet '
                f'weights, model name must contain the weights variant (e.g., "convnext_{variant}").'
            )
    return model


def build(variant, include_top, include_preprocessing, weights, input_tensor, input_shape, pooling, classes,
          classifier_activation, name, model_name):
    depths, dims = CONFIGS[variant]
    return ConvNeXt(depths, dims, drop_path_rate=0.0, layer_scale_init_value=1e-6, default_size=224,
                    name=name if model_name is None else model_name, include_preprocessing=include_preprocessing,
                    include_top=include_top, weights=weights, input_tensor=input_tensor, input_shape=input_shape,
                    pooling=pooling, classes=classes, classifier_activation=classifier_activation,
                    weights_name="convnext_" + variant)


def ConvNeXtTiny(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None,
                 input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
                 name="convnext_tiny", model_name=None):
    return build("tiny", include_top, include_preprocessing, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name, model_name)


def ConvNeXtSmall(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None,
                  input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
                  name="convnext_small", model_name=None):
    return build("small", include_top, include_preprocessing, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name, model_name)


def ConvNeXtBase(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None,
                 input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
                 name="convnext_base", model_name=None):
    return build("base", include_top, include_preprocessing, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name, model_name)


def ConvNeXtLarge(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None,
                  input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
                  name="convnext_large", model_name=None):
    return build("large", include_top, include_preprocessing, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name, model_name)


def ConvNeXtXLarge(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None,
                   input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
                   name="convnext_xlarge", model_name=None):
    return build("xlarge", include_top, include_preprocessing, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name, model_name)
