# VGG16 and VGG19 (Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale
# Image Recognition", 2014), PadLab's builder. Layer names, order and arguments are Keras's
# (keras/src/applications/vgg16.py, vgg19.py).
import keras
from keras import layers
from keras.src.applications import common

# Convolutions per block; block b has filters WIDTHS[b].
WIDTHS = [64, 128, 256, 512, 512]
DEPTHS = {"vgg16": [2, 2, 3, 3, 3], "vgg19": [2, 2, 4, 4, 4]}


def build(depths, include_top, weights, input_tensor, input_shape, pooling, classes,
          classifier_activation, name):
    common.check_weights(weights, include_top, classes)
    input_shape = common.obtain_input_shape(input_shape, 224, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = img_input
    for b, (width, depth) in enumerate(zip(WIDTHS, depths)):
        for k in range(depth):
            x = layers.Conv2D(width, (3, 3), activation="relu", padding="same",
                              name=f"block{b + 1}_conv{k + 1}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{b + 1}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        common.check_classifier_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = common.pooled(x, pooling)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax", name="vgg16"):
    return build(DEPTHS["vgg16"], include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax", name="vgg19"):
    return build(DEPTHS["vgg19"], include_top, weights, input_tensor, input_shape, pooling, classes,
                 classifier_activation, name)
