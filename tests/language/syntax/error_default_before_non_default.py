def f(a=1, b):  # expect error: non-default argument follows default argument
    return a
