def f():
    return undefined_thing + 1  # expect runtime error: NameError: name 'undefined_thing' is not defined
f()
