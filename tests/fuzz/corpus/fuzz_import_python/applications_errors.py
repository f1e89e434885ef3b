import keras
m = keras.applications.ResNet50(include_top=False, weights=None, input_shape=(31, 64, 3), pooling="max")
