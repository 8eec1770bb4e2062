def f(a, b=0):
    return a
f(1, a=2)  # expect runtime error: TypeError: f() got multiple values for argument 'a'
