stage, name = 3, "res"
names = [
    f"conv_{stage}",
    f"{name}{stage:02d}_{'a'}",
    f"{name!r}-{stage!s:>3}",
    f"{1.5:.2f}|{0.25:.0%}|{7:+d}|{255:#x}|{1234567:,}",
    "{}_{}".format(name, stage),
    "{1}/{0}".format("a", "b"),
    "{n}{{}}{s:03}".format(n=name, s=stage),
    "_".join(["block", str(stage), name.upper()]),
    "conv" + str(stage) + str(0.5) + str(None),
    f"{[1, (2,)]} {dict(a=1)} {True}",
]
model = Sequential([Dense(1, name=n) for n in names])
