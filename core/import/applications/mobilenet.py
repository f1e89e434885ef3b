# MobileNet (Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile
# Vision Applications", 2017: depthwise separable convolutions) and MobileNetV2 (Sandler et al.,
# "MobileNetV2: Inverted Residuals and Linear Bottlenecks", 2018), PadLab's builder. Layer
# names, order, arguments, argument checks and model names are Keras's
# (keras/src/applications/mobilenet.py, mobilenet_v2.py).
import warnings
import keras
from keras import layers
from keras import backend
from keras.src.applications import common

# MobileNet: the depthwise separable blocks after the first conv, as (pointwise filters, stride);
# block ids count from 1.
V1_BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1),
             (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]

# MobileNetV2: the inverted residual stages as (output filters, repeats, first stride,
# expansion); block ids count from 0 over all blocks.
V2_STAGES = [(16, 1, 1, 1), (24, 2, 2, 6), (32, 3, 2, 6), (64, 4, 2, 6), (96, 3, 1, 6),
             (160, 3, 2, 6), (320, 1, 1, 6)]


def default_size(shape, sizes):
    # The ImageNet size the weights would be chosen for: the input's when square and known.
    if shape is not None and shape[0] == shape[1] and shape[0] in sizes:
        return shape[0]
    return 224


def square_rows(rows, cols, sizes):
    if rows != cols or rows not in sizes:
        warnings.warn(
            "`input_shape` is undefined or non-square, or `rows` is not in "
            f"{sizes}. Weights for input shape (224, 224) will be loaded as the default."
        )
        return 224
    return rows


def relu6_bn(x, filters_layer, name):
    x = filters_layer(x)
    x = layers.BatchNormalization(axis=-1, name=name + "_bn")(x)
    return layers.ReLU(6.0, name=name + "_relu")(x)


def separable_block(x, filters, alpha, depth_multiplier, stride, block_id):
    # Depthwise 3x3 (stride 2: padded bottom/right, then "valid") and pointwise 1x1, each
    # followed by BatchNormalization and ReLU6.
    if stride == 2:
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name="conv_pad_%d" % block_id)(x)
    dw = layers.DepthwiseConv2D((3, 3), padding="same" if stride == 1 else "valid",
                                depth_multiplier=depth_multiplier, strides=(stride, stride),
                                use_bias=False, name="conv_dw_%d" % block_id)
    x = relu6_bn(x, dw, "conv_dw_%d" % block_id)
    pw = layers.Conv2D(int(filters * alpha), (1, 1), padding="same", use_bias=False, strides=(1, 1),
                       name="conv_pw_%d" % block_id)
    return relu6_bn(x, pw, "conv_pw_%d" % block_id)


def MobileNet(input_shape=None, alpha=1.0, depth_multiplier=1, dropout=1e-3, include_top=True,
              weights="imagenet", input_tensor=None, pooling=None, classes=1000,
              classifier_activation="softmax", name=None):
    common.check_weights(weights, include_top, classes, "mobilenet")
    sizes = [128, 160, 192, 224]
    input_shape = common.obtain_input_shape(input_shape, default_size(input_shape, sizes), 32,
                                            include_top, weights)
    rows = input_shape[0]
    if weights == "imagenet":
        if depth_multiplier != 1:
            raise ValueError("If imagenet weights are being loaded, depth multiplier must be 1.  "
                             f"Received depth_multiplier={depth_multiplier}")
        if alpha not in [0.25, 0.50, 0.75, 1.0]:
            raise ValueError("If imagenet weights are being loaded, alpha can be one of`0.25`, "
                             f"`0.50`, `0.75` or `1.0` only.  Received alpha={alpha}")
        rows = square_rows(rows, input_shape[1], sizes)
    img_input = common.image_input(input_tensor, input_shape)
    stem = layers.Conv2D(int(32 * alpha), (3, 3), padding="same", use_bias=False, strides=(2, 2),
                         name="conv1")
    x = relu6_bn(img_input, stem, "conv1")
    for block_id, (filters, stride) in enumerate(V1_BLOCKS, start=1):
        x = separable_block(x, filters, alpha, depth_multiplier, stride, block_id)
    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Dropout(dropout, name="dropout")(x)
        x = layers.Conv2D(classes, (1, 1), padding="same", name="conv_preds")(x)
        x = layers.Reshape((classes,), name="reshape_2")(x)
        common.check_classifier_activation(classifier_activation, weights)
        x = layers.Activation(activation=classifier_activation, name="predictions")(x)
    else:
        x = common.pooled(x, pooling)
    if name is None:
        name = f"mobilenet_{alpha:0.2f}_{rows}"
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def bn_v2(x, name):
    return layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=name)(x)


def inverted_residual(x, filters, alpha, stride, expansion, block_id):
    # 1x1 expansion (not in block 0), 3x3 depthwise, linear 1x1 projection; the input is added
    # back when the shapes agree.
    inputs = x
    in_channels = x.shape[-1]
    out_channels = common.make_divisible(int(filters * alpha), 8)
    prefix = f"block_{block_id}_"
    if block_id:
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False,
                          activation=None, name=prefix + "expand")(x)
        x = bn_v2(x, prefix + "expand_BN")
        x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = layers.ZeroPadding2D(padding=common.correct_pad(x, 3), name=prefix + "pad")(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                               padding="same" if stride == 1 else "valid",
                               name=prefix + "depthwise")(x)
    x = bn_v2(x, prefix + "depthwise_BN")
    x = layers.ReLU(6.0, name=prefix + "depthwise_relu")(x)
    x = layers.Conv2D(out_channels, kernel_size=1, padding="same", use_bias=False, activation=None,
                      name=prefix + "project")(x)
    x = bn_v2(x, prefix + "project_BN")
    if in_channels == out_channels and stride == 1:
        return layers.Add(name=prefix + "add")([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet",
                input_tensor=None, pooling=None, classes=1000, classifier_activation="softmax",
                name=None):
    common.check_weights(weights, include_top, classes, "mobilenet_v2")
    sizes = [96, 128, 160, 192, 224]
    # Without input_shape, a given Keras tensor's own size picks the default.
    if input_shape is None and input_tensor is not None and backend.is_keras_tensor(input_tensor):
        size = default_size(input_tensor.shape[1:], sizes)
    else:
        size = default_size(input_shape, sizes)
    input_shape = common.obtain_input_shape(input_shape, size, 32, include_top, weights)
    rows = input_shape[0]
    if weights == "imagenet":
        if alpha not in [0.35, 0.50, 0.75, 1.0, 1.3, 1.4]:
            raise ValueError("If imagenet weights are being loaded, alpha must be one of `0.35`, "
                             "`0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; "
                             f"Received `alpha={alpha}`")
        rows = square_rows(rows, input_shape[1], sizes)
    img_input = common.image_input(input_tensor, input_shape)
    x = layers.Conv2D(common.make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2),
                      padding="same", use_bias=False, name="Conv1")(img_input)
    x = bn_v2(x, "bn_Conv1")
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    block_id = 0
    for filters, repeats, stride, expansion in V2_STAGES:
        for k in range(repeats):
            x = inverted_residual(x, filters, alpha, stride if k == 0 else 1, expansion, block_id)
            block_id += 1
    last = common.make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = bn_v2(x, "Conv_1_bn")
    x = layers.ReLU(6.0, name="out_relu")(x)
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights, None, False)
    if name is None:
        name = f"mobilenetv2_{alpha:0.2f}_{rows}"
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)
