inputs = keras.Input(shape=(4,))
x = layers.Dense(2)(inputs)
m = keras.Model(inputs, x)
