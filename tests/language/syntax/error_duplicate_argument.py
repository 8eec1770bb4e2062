def f(a, a):  # expect error: duplicate argument 'a' in function definition
    return a
