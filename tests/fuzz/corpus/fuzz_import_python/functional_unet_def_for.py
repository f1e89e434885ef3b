from tensorflow import keras
from tensorflow.keras import layers

def conv_block(x, filters, kernel_size=3):
    x = layers.Conv2D(filters, kernel_size, padding="same", activation="relu")(x)
    x = layers.Conv2D(filters, kernel_size, padding="same", activation="relu")(x)
    return x

inputs = keras.Input(shape=(64, 64, 1))
x = inputs
skips = []
for f in [32, 64]:
    x = conv_block(x, f)
    skips.append(x)
    x = layers.MaxPooling2D(2)(x)

x = conv_block(x, 128)

for i, (f, skip) in enumerate(zip([64, 32], reversed(skips))):
    x = layers.UpSampling2D(2, name=f"up_{i:02d}")(x)
    x = layers.concatenate([x, skip], name="concat_{}".format(i))
    x = conv_block(x, filters=f)

outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="unet")
