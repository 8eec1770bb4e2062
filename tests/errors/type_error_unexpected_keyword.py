def f(a):
    return a
f(a=1, z=2)  # expect runtime error: TypeError: f() got an unexpected keyword argument 'z'
