from tensorflow import keras
from tensorflow.keras import layers


def inception(x, filters, name):
    """Three convolution branches and a pooling branch, concatenated."""
    branches = []
    for i, (k, f) in enumerate(zip((1, 3, 5), filters)):
        b = layers.Conv2D(f, k, padding="same", activation="relu", name=f"{name}_b{i}_{k}x{k}")(x)
        branches.append(b)
    pool = layers.MaxPooling2D(3, strides=1, padding="same")(x)
    branches += [layers.Conv2D(filters[-1], 1, name="{}_pool_proj".format(name))(pool)]
    return layers.concatenate(branches, axis=-1, name=name + "_out")


config = {"stem": 32, "blocks": [(16, 24, 8), (32, 48, 16)]}
inputs = keras.Input(shape=(64, 64, 3), name="image")
x = layers.Conv2D(config["stem"], 3, strides=2, padding="same")(inputs)
for n, filters in enumerate(config["blocks"], start=1):
    x = inception(x, filters, name=f"inception_{n:02d}")
    if n < len(config["blocks"]):
        x = layers.MaxPooling2D(2)(x)
x = layers.GlobalAveragePooling2D()(x)
heads = {name: layers.Dense(units, name=name)(x) for name, units in [("label", 10), ("aux", 2)]}
model = keras.Model(inputs, heads, name="mini_inception")
model.summary(expand_nested=True)
