x = 5
x.foo  # expect runtime error: AttributeError: 'int' object has no attribute 'foo'
