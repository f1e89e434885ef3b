first = keras.Sequential([layers.Dense(2, input_shape=(3,))], name="first")
first.summary(100, expand_nested=True, show_trainable=True, print_fn=print)
second = keras.Sequential([layers.Dense(4, input_shape=(3,))], name="second")
