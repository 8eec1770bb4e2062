def f(a, **kw):
    print(a, kw)
f(1)  # expect: 1 {}
f(1, y=2, x=3)  # expect: 1 {'y': 2, 'x': 3}
