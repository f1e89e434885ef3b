# keras.io's transfer-learning workflow on a Keras Application (its builder runs in the importer).
from tensorflow import keras
from tensorflow.keras.applications import MobileNetV2

base_model = MobileNetV2(weights="imagenet", input_shape=(160, 160, 3), include_top=False)
base_model.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base_model(inputs, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
x = keras.layers.Dropout(0.2)(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.summary()
