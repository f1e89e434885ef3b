w, h = 64, 48
shape = (None,) + (w // 2, h, 3)[0:] * 1
units = [28 * 28, 2 ** 7, -(-7 // 2), int(10 / 4), round(2.5), len(shape), abs(-3), max(1, 2.5)]
cfg = {'rate': 0.25, "k": (3, 3)}
model = tf.keras.models.Sequential(name='built')
model.add(layers.Conv2D(8, cfg["k"], strides=2 if w > h else 1, padding='same'))
model.add(layers.Flatten())
model.add(layers.Dense(units[-1] if units else 1, use_bias=not True))
model.build(shape)
model.pop()
