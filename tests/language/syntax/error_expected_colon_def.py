def f(a)  # expect error: expected ':'
    return a
