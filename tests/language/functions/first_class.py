def double(x):
    return x * 2
def apply(f, v):
    return f(v)
g = double
print(apply(g, 21), apply(double, "ab"))  # expect: 42 abab
