model = Sequential()
n = 0
while n < 2:
    model.add(Dense(4))
    n += 1
