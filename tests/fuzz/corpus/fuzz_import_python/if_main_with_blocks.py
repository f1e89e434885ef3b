from keras import backend as K
img_rows, img_cols = 28, 28
if K.image_data_format() == 'channels_first':
    input_shape = (1, img_rows, img_cols)
elif img_rows > 100:
    input_shape = None
else:
    input_shape = (img_rows, img_cols, 1)

def build(shape):
    return keras.Sequential([layers.Conv2D(4, 3, input_shape=shape, padding="same" if shape[0] > 10 else "valid")])

if __name__ == "__main__":
    with strategy.scope() as scope:
        model = build(input_shape)
