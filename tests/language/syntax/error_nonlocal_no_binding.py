def f():
    nonlocal x  # expect error: no binding for nonlocal 'x' found
    x = 1
