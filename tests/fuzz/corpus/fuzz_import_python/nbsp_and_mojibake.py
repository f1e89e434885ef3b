input_shape¬†=¬†(28, 28, 1)
model = Sequential()
model.add(Conv2D(32, (3, 3), input_shape=input_shape))
