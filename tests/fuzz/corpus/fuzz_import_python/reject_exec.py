m = Sequential()
exec('m.add(Dense(1))')
