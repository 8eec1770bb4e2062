n = 1
def f(x=n):
    return x
n = 2
print(f())  # expect: 1
