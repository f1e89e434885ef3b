import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
img_rows, img_cols = 28, 28
model = keras.Sequential(
    [
        keras.Input(shape=(img_rows, img_cols, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation=tf.nn.relu),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, 3, activation=keras.activations.relu, padding="same"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(img_rows // 2 * 2, activation="softmax"),
    ], name="mnist"
)
model.summary()
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1)
