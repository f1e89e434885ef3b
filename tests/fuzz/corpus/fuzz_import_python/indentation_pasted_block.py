    model = keras.Sequential()
    for units in [64, 32]:
        model.add(layers.Dense(units))
    model.add(layers.Dense(1, input_shape=(3,)))
