def f(a, *, b, c=0):
    return a + b + c
print(f(1, b=2))  # expect: 3
print(f(1, c=5, b=2))  # expect: 8
