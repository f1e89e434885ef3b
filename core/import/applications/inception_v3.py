# InceptionV3 (Szegedy et al., "Rethinking the Inception Architecture for Computer Vision",
# 2015), PadLab's builder. Layer names, order and arguments are Keras's
# (keras/src/applications/inception_v3.py): every conv is a Conv2D-BatchNormalization(scale=False)
# -ReLU unit with automatic names, the modules are Concatenates named mixed0..mixed10.
import keras
from keras import layers
from keras.src.applications import common

# A branch is a list of steps: (filters, rows, cols) a conv unit, stride 1 "same";
# (filters, rows, cols, 2) stride 2 "valid"; "avg" a 3x3 stride-1 "same" average pooling; "max"
# a 3x3 stride-2 max pooling; ("split", name, [unit, unit]) two units on the same input,
# concatenated (name None: automatic).
def module_35(pool):
    return [[(64, 1, 1)], [(48, 1, 1), (64, 5, 5)], [(64, 1, 1), (96, 3, 3), (96, 3, 3)],
            ["avg", (pool, 1, 1)]]


def module_17(width):
    return [[(192, 1, 1)], [(width, 1, 1), (width, 1, 7), (192, 7, 1)],
            [(width, 1, 1), (width, 7, 1), (width, 1, 7), (width, 7, 1), (192, 1, 7)],
            ["avg", (192, 1, 1)]]


def module_8(i):
    return [[(320, 1, 1)], [(384, 1, 1), ("split", f"mixed9_{i}", [(384, 1, 3), (384, 3, 1)])],
            [(448, 1, 1), (384, 3, 3), ("split", None, [(384, 1, 3), (384, 3, 1)])],
            ["avg", (192, 1, 1)]]


MODULES = [
    ("mixed0", module_35(32)),
    ("mixed1", module_35(64)),
    ("mixed2", module_35(64)),
    ("mixed3", [[(384, 3, 3, 2)], [(64, 1, 1), (96, 3, 3), (96, 3, 3, 2)], ["max"]]),
    ("mixed4", module_17(128)),
    ("mixed5", module_17(160)),
    ("mixed6", module_17(160)),
    ("mixed7", module_17(192)),
    ("mixed8", [[(192, 1, 1), (320, 3, 3, 2)], [(192, 1, 1), (192, 1, 7), (192, 7, 1), (192, 3, 3, 2)],
                ["max"]]),
    ("mixed9", module_8(0)),
    ("mixed10", module_8(1)),
]


def unit(x, step, padding=None):
    filters, rows, cols = step[0], step[1], step[2]
    strides = (2, 2) if len(step) == 4 else (1, 1)
    if padding is None:
        padding = "valid" if len(step) == 4 else "same"
    x = layers.Conv2D(filters, (rows, cols), strides=strides, padding=padding, use_bias=False)(x)
    x = layers.BatchNormalization(axis=3, scale=False)(x)
    return layers.Activation("relu")(x)


def branch(x, steps):
    for step in steps:
        if step == "avg":
            x = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same")(x)
        elif step == "max":
            x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
        elif step[0] == "split":
            parts = [unit(x, s) for s in step[2]]
            if step[1]:
                x = layers.concatenate(parts, axis=3, name=step[1])
            else:
                x = layers.concatenate(parts, axis=3)
        else:
            x = unit(x, step)
    return x


def InceptionV3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax", name="inception_v3"):
    common.check_weights(weights, include_top, classes, "inception_v3")
    input_shape = common.obtain_input_shape(input_shape, 299, 75, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    # The stem: 3x3 convs (two "valid"), pooling, a 1x1 and a 3x3 "valid" conv, pooling.
    x = unit(img_input, (32, 3, 3, 2))
    x = unit(x, (32, 3, 3), "valid")
    x = unit(x, (64, 3, 3))
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = unit(x, (80, 1, 1), "valid")
    x = unit(x, (192, 3, 3), "valid")
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    for module_name, branches in MODULES:
        x = layers.concatenate([branch(x, b) for b in branches], axis=3, name=module_name)
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights, "avg_pool", False)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)
