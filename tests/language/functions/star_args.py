def f(first, *rest):
    print(first, rest)
f(1)  # expect: 1 ()
f(1, 2, 3)  # expect: 1 (2, 3)
