x = 1.5
n = f'{x:d}'
m = f'{x!z}'
