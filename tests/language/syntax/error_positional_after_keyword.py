def f(a, b):
    return a
f(a=1, 2)  # expect error: positional argument follows keyword argument
