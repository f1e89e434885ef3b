units = []
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    units.append(2 ** i)
else:
    units.append(-1)
total = 0
for i, (a, b) in enumerate(zip([1, 2, 3], "xyz"), start=1):
    total += i * a
for k in range(10, 0, -4):
    total += k
names = ["d{}".format(n) for n in range(len(units))]
model = Sequential([Dense(u, name=n) for u, n in zip(units, names)])
model.add(Dense(total))
