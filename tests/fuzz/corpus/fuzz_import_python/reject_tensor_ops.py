x = keras.Input(shape=(4,))
y = x * 2
z = tf.concat([x, x], axis=-1)
