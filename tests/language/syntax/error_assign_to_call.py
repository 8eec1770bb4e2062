def f():
    return 1
f() = 2  # expect error: cannot assign to function call here. Maybe you meant '==' instead of '='?
