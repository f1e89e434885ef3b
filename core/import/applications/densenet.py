# DenseNet121/169/201 (Huang et al., "Densely Connected Convolutional Networks", 2017), PadLab's
# builder. Layer names, order and arguments are Keras's (keras/src/applications/densenet.py):
# dense blocks conv2..conv5 of "<stage>_block<n>" layers (BN-ReLU-1x1 conv-BN-ReLU-3x3 conv,
# concatenated to the input), transitions pool2..pool4.
# Keras-era difference: tf.keras 2.x's densenet.py named the stem "conv1/conv", "conv1/bn",
# "conv1/relu" (as copies of it in public code show); Keras 3 names them "conv1_conv" ... (no
# "/" in layer names). PadLab builds Keras 3's names.
import keras
from keras import layers
from keras.src.applications import common

EPS = 1.001e-5
GROWTH = 32       # channels each dense layer adds
REDUCTION = 0.5   # a transition halves the channels
BLOCKS = {
    "densenet121": [6, 12, 24, 16],
    "densenet169": [6, 12, 32, 32],
    "densenet201": [6, 12, 48, 32],
}


def bn_relu(x, prefix):
    x = layers.BatchNormalization(axis=3, epsilon=EPS, name=prefix + "_bn")(x)
    return layers.Activation("relu", name=prefix + "_relu")(x)


def dense_layer(x, name):
    y = bn_relu(x, name + "_0")
    y = layers.Conv2D(4 * GROWTH, 1, use_bias=False, name=name + "_1_conv")(y)
    y = bn_relu(y, name + "_1")
    y = layers.Conv2D(GROWTH, 3, padding="same", use_bias=False, name=name + "_2_conv")(y)
    return layers.Concatenate(axis=3, name=name + "_concat")([x, y])


def transition(x, name):
    x = bn_relu(x, name)
    x = layers.Conv2D(int(x.shape[3] * REDUCTION), 1, use_bias=False, name=name + "_conv")(x)
    return layers.AveragePooling2D(2, strides=2, name=name + "_pool")(x)


def build(blocks, include_top, weights, input_tensor, input_shape, pooling, classes,
          classifier_activation, name):
    common.check_weights(weights, include_top, classes, "densenet")
    input_shape = common.obtain_input_shape(input_shape, 224, 32, include_top, weights)
    img_input = common.image_input(input_tensor, input_shape)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)))(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
    x = bn_relu(x, "conv1")
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)))(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)
    for s, count in enumerate(blocks):
        for n in range(1, count + 1):
            x = dense_layer(x, f"conv{s + 2}_block{n}")
        if s < len(blocks) - 1:
            x = transition(x, f"pool{s + 2}")
    x = layers.BatchNormalization(axis=3, epsilon=EPS, name="bn")(x)
    x = layers.Activation("relu", name="relu")(x)
    x = common.head(x, include_top, pooling, classes, classifier_activation, weights)
    return keras.Model(common.model_inputs(input_tensor, img_input), x, name=name)


def DenseNet121(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax", name="densenet121"):
    return build(BLOCKS["densenet121"], include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def DenseNet169(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax", name="densenet169"):
    return build(BLOCKS["densenet169"], include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)


def DenseNet201(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax", name="densenet201"):
    return build(BLOCKS["densenet201"], include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name)
