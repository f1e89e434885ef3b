filters = [f * 2 for f in [8, 16, 32] if f > 8]
width = sum(f for f in filters) // len(filters)
biggest = max(x + 1 for x in filters)
pairs = {name: f for name, f in zip(["a", "b"], filters)}
flags = [any(x > 40 for x in filters), all(x > 40 for x in filters), isinstance(width, int)]
order = sorted([3, 1, 2], reverse=True) + list(reversed(range(2))) + [abs(-4), round(2.675, 2), min(filters)]
model = Sequential([Dense(width), Dense(biggest), Dense(pairs["b"]), Dense(sum(flags)), Dense(order[0] + order[3])])
