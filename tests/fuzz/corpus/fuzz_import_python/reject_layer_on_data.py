x = keras.Input(shape=(4,))
(x_train, _), _ = mnist.load_data()
y = layers.Dense(2)(x_train)
