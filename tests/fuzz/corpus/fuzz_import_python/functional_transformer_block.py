from tensorflow import keras
from tensorflow.keras import layers

maxlen = 200
embed_dim = 32
num_heads = 2
ff_dim = 32

inputs = layers.Input(shape=(maxlen, embed_dim))
attn_output = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)(inputs, inputs)
attn_output = layers.Dropout(0.1)(attn_output)
out1 = layers.LayerNormalization(epsilon=1e-6)(layers.Add()([inputs, attn_output]))
ffn_output = layers.Dense(ff_dim, activation="relu")(out1)
ffn_output = layers.Dense(embed_dim)(ffn_output)
ffn_output = layers.Dropout(0.1)(ffn_output)
x = layers.LayerNormalization(epsilon=1e-6)(layers.Add()([out1, ffn_output]))
x = layers.GlobalAveragePooling1D()(x)
x = layers.Dropout(0.1)(x)
x = layers.Dense(20, activation="relu")(x)
x = layers.Dropout(0.1)(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.summary()
