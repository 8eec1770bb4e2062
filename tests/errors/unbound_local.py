x = 1
def f():
    print(x)  # expect runtime error: UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
    x = 2
f()
