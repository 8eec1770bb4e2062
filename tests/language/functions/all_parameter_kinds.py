def f(a, b=2, *args, c, d=4, **kw):
    print(a, b, args, c, d, kw)
f(1, c=3)  # expect: 1 2 () 3 4 {}
f(1, 5, 6, 7, c=8, e=9)  # expect: 1 5 (6, 7) 8 4 {'e': 9}
