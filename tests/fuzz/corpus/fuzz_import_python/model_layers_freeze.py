base_in = keras.Input(shape=(8,))
base = keras.Model(base_in, layers.Dense(4)(layers.Dense(6)(base_in)), name="base")
for layer in base.layers:
    layer.trainable = False
head = layers.Dense(2)
y = head(base.output)
model = keras.Model(base.input, y)
model.layers[-1].trainable = False
