model = Sequential([
    keras.Input(shape=(16, 1), batch_size=4),
    Conv1D(8, 3, padding=‘causal’, dilation_rate=2),
    ZeroPadding1D((1, 2)),
    Cropping1D(1),
    GlobalMaxPooling1D(),
])
