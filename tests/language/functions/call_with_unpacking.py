def f(a, b, c):
    return a * 100 + b * 10 + c
args = [1, 2, 3]
print(f(*args))  # expect: 123
print(f(**{"c": 1, "b": 2, "a": 3}))  # expect: 321
print(f(4, *(5,), **{"c": 6}))  # expect: 456
