n = 0
for i in range(10 ** 6):
    n += 1
