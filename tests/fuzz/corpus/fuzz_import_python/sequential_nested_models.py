enc_in = keras.Input(shape=(6,))
encoder = keras.Model(enc_in, layers.Dense(3)(enc_in), name="encoder")
block = keras.Sequential([layers.Dense(2)], name="block")
model = keras.Sequential([keras.Input(shape=(6,)), encoder, block, layers.Dense(1)])
