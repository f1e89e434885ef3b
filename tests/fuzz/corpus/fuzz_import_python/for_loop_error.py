model = Sequential()
for u in [1, 2]:
    model.add(Dense(u))
