import keras
base = keras.applications.EfficientNetV2B0(include_top=False, weights="imagenet", input_shape=(160, 160, 3), pooling="avg")
model = keras.applications.ConvNeXtTiny(weights=None, classes=10, classifier_activation=None, include_preprocessing=False)
bad = keras.applications.EfficientNetV2S(weights="imagenet", classes=7)
