# keras-io examples/timeseries/timeseries_classification_transformer.py ("Timeseries
# classification with a Transformer model", Theodoros Ntakouris, 2021/06/25), the model code of
# the version whose summary keras-io published (examples/timeseries/md/
# timeseries_classification_transformer.md @5bed939d: pre-norm blocks, LayerNormalization before
# the attention and the feed-forward part, GlobalAveragePooling1D(data_format="channels_first");
# the published code was later changed to post-norm and channels_last without re-running it).
# Two changes, both values the tutorial computes from data: n_classes = 2 and input_shape =
# (500, 1) (FordA: len(np.unique(y_train)) and x_train.shape[1:]), and filters=1 where the
# tutorial writes filters=inputs.shape[-1] (PadLab does not evaluate tensor attributes).
from tensorflow import keras
from tensorflow.keras import layers

def transformer_encoder(inputs, head_size, num_heads, ff_dim, dropout=0):
    # Normalization and Attention
    x = layers.LayerNormalization(epsilon=1e-6)(inputs)
    x = layers.MultiHeadAttention(
        key_dim=head_size, num_heads=num_heads, dropout=dropout
    )(x, x)
    x = layers.Dropout(dropout)(x)
    res = x + inputs

    # Feed Forward Part
    x = layers.LayerNormalization(epsilon=1e-6)(res)
    x = layers.Conv1D(filters=ff_dim, kernel_size=1, activation="relu")(x)
    x = layers.Dropout(dropout)(x)
    x = layers.Conv1D(filters=1, kernel_size=1)(x)
    return x + res

def build_model(
    input_shape,
    head_size,
    num_heads,
    ff_dim,
    num_transformer_blocks,
    mlp_units,
    dropout=0,
    mlp_dropout=0,
):
    inputs = keras.Input(shape=input_shape)
    x = inputs
    for _ in range(num_transformer_blocks):
        x = transformer_encoder(x, head_size, num_heads, ff_dim, dropout)

    x = layers.GlobalAveragePooling1D(data_format="channels_first")(x)
    for dim in mlp_units:
        x = layers.Dense(dim, activation="relu")(x)
        x = layers.Dropout(mlp_dropout)(x)
    outputs = layers.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)

n_classes = 2
input_shape = (500, 1)

model = build_model(
    input_shape,
    head_size=256,
    num_heads=4,
    ff_dim=4,
    num_transformer_blocks=4,
    mlp_units=[128],
    mlp_dropout=0.4,
    dropout=0.25,
)
model.summary()
