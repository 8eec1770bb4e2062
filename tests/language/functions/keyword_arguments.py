def f(a, b, c=3):
    return (a, b, c)
print(f(1, c=9, b=2))  # expect: (1, 2, 9)
print(f(c=0, b=1, a=2))  # expect: (2, 1, 0)
