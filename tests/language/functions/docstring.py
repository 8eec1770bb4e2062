def f():
    """Returns one."""
    return 1
print(f())  # expect: 1
