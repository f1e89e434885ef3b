# NASNetMobile / NASNetLarge (Zoph et al., "Learning Transferable Architectures for Scalable
# Image Recognition", 2018: the NASNet-A normal and reduction cells), PadLab's builder. Layer
# names, order and arguments are Keras's (keras/src/applications/nasnet.py); each cell's five
# combinations are tabled below and built by one generic function.
import keras
from keras import layers
from keras.src.applications import common

# A cell's inputs: "h" (the current input, ReLU-1x1 conv-BN), "p" (the previous input,
# adjusted to h's size and width), "h3" (h padded for the stride-2 poolings), and the sums
# made so far ("x1" ...). A combination adds two branches:
#   ("sep", input, kernel, stride, name)  two ReLU-SeparableConv2D-BN units
#   ("pool", "avg" | "max", input, stride, name)  a 3x3 pooling ("same" at stride 1)
#   ("id", input)  the input itself
# and is named as given (None: automatic). The cell's output concatenates CONCAT.
NORMAL = [
    ("x1", "normal_add_1", ("sep", "h", 5, 1, "normal_left1"), ("sep", "p", 3, 1, "normal_right1")),
    ("x2", "normal_add_2", ("sep", "p", 5, 1, "normal_left2"), ("sep", "p", 3, 1, "normal_right2")),
    ("x3", "normal_add_3", ("pool", "avg", "h", 1, "normal_left3"), ("id", "p")),
    ("x4", "normal_add_4", ("pool", "avg", "p", 1, "normal_left4"), ("pool", "avg", "p", 1, "normal_right4")),
    ("x5", "normal_add_5", ("sep", "h", 3, 1, "normal_left5"), ("id", "h")),
]
NORMAL_CONCAT = ["p", "x1", "x2", "x3", "x4", "x5"]
REDUCTION = [
    ("x1", "reduction_add_1", ("sep", "h", 5, 2, "reduction_left1"), ("sep", "p", 7, 2, "reduction_right1")),
    ("x2", "reduction_add_2", ("pool", "max", "h3", 2, "reduction_left2"), ("sep", "p", 7, 2, "reduction_right2")),
    ("x3", "reduction_add3", ("pool", "avg", "h3", 2, "reduction_left3"), ("sep", "p", 5, 2, "reduction_right3")),
    ("x4", None, ("id", "x2"), ("pool", "avg", "x1", 1, "reduction_left4")),
    ("x5", "reduction_add4", ("sep", "x1", 3, 1, "reduction_left4"), ("pool", "max", "h3", 2, "reduction_right5")),
]
REDUCTION_CONCAT = ["x2", "x3", "x4", "x5"]


def bn(x, name):
    return layers.BatchNormalization(axis=-1, momentum=0.9997, epsilon=1e-3, name=name)(x)


def separable(x, filters, kernel, stride, block_id):
    x = layers.Activation("relu")(x)
    padding = "same"
    if stride == (2, 2):
        x = layers.ZeroPadding2D(padding=common.correct_pad(x, kernel),
                                 name=f"separable_conv_1_pad_{block_id}")(x)
        padding = "valid"
    x = layers.SeparableConv2D(filters, kernel, strides=stride, name=f"separable_conv_1_{block_id}",
                               padding=padding, use_bias=False)(x)
    x = bn(x, f"separable_conv_1_bn_{block_id}")
    x = layers.Activation("relu")(x)
    x = layers.SeparableConv2D(filters, kernel, name=f"separable_conv_2_{block_id}", padding="same",
                               use_bias=False)(x)
    return bn(x, f"separable_conv_2_bn_{block_id}")


def adjust(p, ip, filters, block_id):
    # The previous input made to match the current one: halved in size by two offset 1x1
    # paths (the factorized reduction), or projected to `filters` channels.
    if p is None:
        return ip
    if p.shape[-2] != ip.shape[-2]:
        p = layers.Activation("relu", name=f"adjust_relu_1_{block_id}")(p)
        p1 = layers.AveragePooling2D((1, 1), strides=(2, 2), padding="valid",
                                     name=f"adjust_avg_pool_1_{block_id}")(p)
        p1 = layers.Conv2D(filters // 2, (1, 1), padding="same", use_bias=False,
                           name=f"adjust_conv_1_{block_id}", kernel_initializer="he_normal")(p1)
        p2 = layers.ZeroPadding2D(padding=((0, 1), (0, 1)))(p)
        p2 = layers.Cropping2D(cropping=((1, 0), (1, 0)))(p2)
        p2 = layers.AveragePooling2D((1, 1), strides=(2, 2), padding="valid",
                                     name=f"adjust_avg_pool_2_{block_id}")(p2)
        p2 = layers.Conv2D(filters // 2, (1, 1), padding="same", use_bias=False,
                           name=f"adjust_conv_2_{block_id}", kernel_initializer="he_normal")(p2)
        p = layers.concatenate([p1, p2], axis=-1)
        return bn(p, f"adjust_bn_{block_id}")
    if p.shape[-1] != filters:
        p = layers.Activation("relu")(p)
        p = layers.Conv2D(filters, (1, 1), strides=(1, 1), padding="same",
                          name=f"adjust_conv_projection_{block_id}", use_bias=False,
                          kernel_initializer="he_normal")(p)
        return bn(p, f"adjust_bn_{block_id}")
    return p


def branch(op, t, filters, block_id):
    if op[0] == "id":
        return t[op[1]]
    if op[0] == "sep":
        return separable(t[op[1]], filters, (op[2], op[2]), (op[3], op[3]), f"{op[4]}_{block_id}")
    kind, src, stride, name = op[1], op[2], op[3], f"{op[4]}_{block_id}"
    padding = "same" if stride == 1 else "valid"
    if kind == "avg":
        return layers.AveragePooling2D((3, 3), strides=(stride, stride), padding=padding, name=name)(t[src])
    return layers.MaxPooling2D((3, 3), strides=(stride, stride), padding=padding, name=name)(t[src])


def cell(ip, p, filters, block_id, reduction):
    kind = "reduction" if reduction else "normal"
    t = {"p": adjust(p, ip, filters, block_id)}
    h = layers.Activation("relu")(ip)
    h = layers.Conv2D(filters, (1, 1), strides=(1, 1), padding="same", name=f"{kind}_conv_1_{block_id}",
                      use_bias=False, kernel_initializer="he_normal")(h)
    t["h"] = bn(h, f"{kind}_bn_1_{block_id}")
    if reduction:
        t["h3"] = layers.ZeroPadding2D(padding=common.correct_pad(t["h"], 3),
                                       name=f"reduction_pad_1_{block_id}")(t["h"])
    for out, add_name, left, right in (REDUCTION if reduction else NORMAL):
        a = branch(left, t, filters, block_id)
        b = branch(right, t, filters, block_id)
        if add_name:
            t[out] = layers.add([a, b], name=f"{add_name}_{block_id}")
        else:
            t[out] = layers.add([a, b])
    parts = [t[k] for k in (REDUCTION_CONCAT if reduction else NORMAL_CONCAT)]
    return layers.concatenate(parts, axis=-1, name=f"{kind}_concat_{block_id}"), ip


def build(input_shape, penultimate_filters, num_blocks, stem_block_filters, skip_reduction,
          filter_multiplier, include_top, weights, input_tensor, pooling, classes, default_size,
          classifier_activation, name):
    common.check_weights(weights, include_top, classes, "densenet")  # nasnet.py words them so too
    if isinstance(input_shape, tuple) and None in input_shape and weights == "imagenet":
        raise ValueError("When specifying the input shape of a NASNet and loading `ImageNet` weights, "
                         "the input_shape argument must be static (no None entries). "
                         f"Got: `input_shape={input_shape}`.")
    input_shape = common.obtain_input_shape(input_shape, default_size, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    if penultimate_filters % (24 * (filter_multiplier**2)) != 0:
        raise ValueError("For NASNet-A models, the `penultimate_filters` must be a multiple of 24 * "
                         f"(`filter_multiplier` ** 2). Current value: {penultimate_filters}")
    filters = penultimate_filters // 24
    x = layers.Conv2D(stem_block_filters, (3, 3), strides=(2, 2), padding="valid", use_bias=False,
                      name="stem_conv1", kernel_initializer="he_normal")(img_input)
    x = bn(x, "stem_bn1")
    p = None
    x, p = cell(x, p, filters // (filter_multiplier**2), "stem_1", True)
    x, p = cell(x, p, filters // filter_multiplier, "stem_2", True)
    # Three stacks of num_blocks normal cells at widths filters * multiplier**k, a reduction
    # cell between stacks; skip_reduction: the cell after a reduction still sees its input.
    for k in range(3):
        width = filters * filter_multiplier**k
        if k > 0:
            x, p0 = cell(x, p, width, f"reduce_{k * num_blocks}", True)
            p = p if skip_reduction else p0
        for i in range(num_blocks):
            block_id = f"{i}" if k == 0 else f"{k * num_blocks + i + 1}"
            x, p = cell(x, p, width, block_id, False)
    x = layers.Activation("relu")(x)
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights, None, False)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def NASNetMobile(input_shape=None, include_top=True, weights="imagenet", input_tensor=None,
                 pooling=None, classes=1000, classifier_activation="softmax", name="nasnet_mobile"):
    if not include_top and input_shape is None:
        input_shape = (224, 224, 3)
    return build(input_shape, 1056, 4, 32, False, 2, include_top, weights, input_tensor, pooling,
                 classes, 224, classifier_activation, name)


def NASNetLarge(input_shape=None, include_top=True, weights="imagenet", input_tensor=None,
                pooling=None, classes=1000, classifier_activation="softmax", name="nasnet_large"):
    return build(input_shape, 4032, 6, 96, True, 2, include_top, weights, input_tensor, pooling,
                 classes, 331, classifier_activation, name)
