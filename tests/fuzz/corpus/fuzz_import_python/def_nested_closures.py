activation = "relu"

def make_model(input_shape, num_classes=10, *, dropout=0.5):
    def block(filters):
        # A nested def sees the enclosing call's names and the globals.
        return [layers.Conv2D(filters, 3, activation=activation), layers.MaxPooling2D()]
    model = keras.Sequential(name="cnn")
    model.add(keras.Input(shape=input_shape))
    for filters in (32, 64):
        for layer in block(filters):
            model.add(layer)
    model.add(layers.Flatten())
    if dropout:
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(num_classes, activation="softmax"))
    return model

model = make_model((28, 28, 1), dropout=0.25)
