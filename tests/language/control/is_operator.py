x = None
print(x is None, x is not None)  # expect: True False
a = [1]
b = [1]
c = a
print(a is b, a is c, a == b)  # expect: False True True
print(True is True, False is not True)  # expect: True True
