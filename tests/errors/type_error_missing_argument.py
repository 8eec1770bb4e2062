def f(a, b):
    return a
f(1)  # expect runtime error: TypeError: f() missing 1 required positional argument: 'b'
