// The examples the playground opens with, taken from the seed blog post
// "How to use padding with Keras?": the same ConvNet with padding='valid' and with
// padding='same', a causal Conv1D, and the same lesson in graph models (residual blocks,
// U-Net skips). Each is complete, runnable Keras code.

const IMPORTS_2D = `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Flatten, Conv2D`;

const IMPORTS_1D = `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Flatten, Conv1D`;

export const VALID_MODEL = `${IMPORTS_2D}

input_shape = (28, 28, 1)
no_classes = 10

# Create the model
model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape, padding='valid'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='valid'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(no_classes, activation='softmax'))
`;

export const SAME_MODEL = `${IMPORTS_2D}

input_shape = (28, 28, 1)
no_classes = 10

# Create the model
model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape, padding='same'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu', padding='same'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='same'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(no_classes, activation='softmax'))
`;

export const CAUSAL_MODEL = `${IMPORTS_1D}

input_shape = (100, 1)
no_classes = 10

# Causal padding: all zeros go in front, so no output step sees the future
model = Sequential()
model.add(Conv1D(32, kernel_size=4, activation='relu', input_shape=input_shape, padding='causal'))
model.add(Flatten())
model.add(Dense(no_classes, activation='softmax'))
`;

// The same network with 'same' padding, to compare where the zeros go: (3, 0) vs (1, 2).
export const CAUSAL_SAME_MODEL = CAUSAL_MODEL
  .replace("padding='causal'", "padding='same'")
  .replace('# Causal padding: all zeros go in front, so no output step sees the future',
           "# 'same' padding: the zeros are split, the extra one goes after");

// TF's 'same' split depends on the input size when strides > 1: the odd zero goes after.
const strided = (size, note) => `${IMPORTS_2D}

input_shape = (${size}, ${size}, 1)
no_classes = 10

# ${note}
model = Sequential()
model.add(Conv2D(16, kernel_size=(3, 3), strides=(2, 2), activation='relu', input_shape=input_shape, padding='same'))
model.add(Conv2D(32, kernel_size=(3, 3), strides=(2, 2), activation='relu', padding='same'))
model.add(Flatten())
model.add(Dense(no_classes, activation='softmax'))
`;

export const STRIDED_EVEN_MODEL = strided(28, "28 is even: stride 2 'same' pads (0, 1), the extra zero goes after");
export const STRIDED_ODD_MODEL = strided(27, "27 is odd: stride 2 'same' pads (1, 1) on the first layer");

// Graph models: a skip connection only works when both paths keep the shape, which is what
// padding='same' is for. With 'valid' each 3x3 conv trims a border and the merge fails.
const residual = (padding) => `from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 16), name="img")

def residual_block(x, filters):
    y = layers.Conv2D(filters, 3, activation="relu", padding="${padding}")(x)
    y = layers.Conv2D(filters, 3, padding="${padding}")(y)
    # The skip connection adds the block's input to its output: the shapes must match.
    return layers.add([x, y])

x = inputs
for i in range(2):
    x = residual_block(x, 16)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="residual_${padding}")
model.summary()
`;

const unet = (padding) => `from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(64, 64, 1))

def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, activation="relu", padding="${padding}")(x)
    return layers.Conv2D(filters, 3, activation="relu", padding="${padding}")(x)

# Down: keep each block's output for the skip connection
skips = []
x = inputs
for filters in [16, 32]:
    x = conv_block(x, filters)
    skips.append(x)
    x = layers.MaxPooling2D(2)(x)
x = conv_block(x, 64)

# Up: concatenate with the skip of the same resolution (its height and width must match)
for filters, skip in zip([32, 16], reversed(skips)):
    x = layers.Conv2DTranspose(filters, 2, strides=2, padding="same")(x)
    x = layers.concatenate([x, skip])
    x = conv_block(x, filters)
outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs, name="unet_${padding}")
`;

export const RESIDUAL_SAME_MODEL = residual('same');
export const RESIDUAL_VALID_MODEL = residual('valid');
export const UNET_SAME_MODEL = unet('same');
export const UNET_VALID_MODEL = unet('valid');

export const EXAMPLES = [
  {
    id: 'valid-vs-same',
    label: "Conv2D: padding='valid' vs 'same'",
    a: { title: "padding='valid'", code: VALID_MODEL },
    b: { title: "padding='same'", code: SAME_MODEL },
  },
  {
    id: 'causal',
    label: "Conv1D: padding='causal' vs 'same'",
    a: { title: "padding='causal'", code: CAUSAL_MODEL },
    b: { title: "padding='same'", code: CAUSAL_SAME_MODEL },
  },
  {
    id: 'residual',
    label: "Residual blocks (Functional API): 'same' keeps Add's shapes, 'valid' breaks them",
    a: { title: "padding='same'", code: RESIDUAL_SAME_MODEL },
    b: { title: "padding='valid'", code: RESIDUAL_VALID_MODEL },
  },
  {
    id: 'unet',
    label: "U-Net skips: Concatenate needs 'same'",
    a: { title: "padding='same'", code: UNET_SAME_MODEL },
    b: { title: "padding='valid'", code: UNET_VALID_MODEL },
  },
  {
    id: 'strided-same',
    label: "Conv2D: stride 2 'same' on 28×28 vs 27×27",
    a: { title: 'stride 2, 28×28 input', code: STRIDED_EVEN_MODEL },
    b: { title: 'stride 2, 27×27 input', code: STRIDED_ODD_MODEL },
  },
];

export const DEFAULT_EXAMPLE = EXAMPLES[0].id;

export function findExample(id) {
  return EXAMPLES.find((e) => e.id === id) ?? null;
}
