from tensorflow import keras
from tensorflow.keras import layers
m = keras.Sequential([layers.Input((10,)), layers.LSTM(0)])
m = keras.Sequential([layers.Input((10, 3)), layers.GRU(4, stateful=True)])
m = keras.Sequential([layers.Input((None, 3)), layers.LSTM(4, unroll=True)])
m = keras.Sequential([layers.Input((4, 3)), layers.Bidirectional(layers.Dense(3), merge_mode="cat")])
m = keras.Sequential([layers.Input((4, 3)), layers.Permute((1, 1)), layers.RepeatVector(-1)])
m = keras.Sequential([layers.Embedding(input_dim=-5, output_dim=2, input_length=0)])
