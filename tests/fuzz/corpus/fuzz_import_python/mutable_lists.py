def add_block(stack, units):
    stack.append(Dense(units))
    stack += [Dropout(0.1)]

stack = []
alias = stack
add_block(stack, 8)
alias.extend([Dense(4)])
stack.insert(0, Dense(16, input_shape=(3,)))
last = stack.pop()
stack[1] = Dense(32)
sizes = {"out": 2}
sizes["out"] += 1
sizes.update({"extra": 7})
stack.append(Dense(sizes.get("out", 0) + len(sizes)))
model = Sequential(alias)
