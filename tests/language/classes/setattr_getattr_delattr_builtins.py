class Bag:
    pass


b = Bag()
setattr(b, "x", 10)
print(b.x, getattr(b, "x"))  # expect: 10 10
delattr(b, "x")
print(hasattr(b, "x"))  # expect: False
del b.nope  # expect runtime error: AttributeError: 'Bag' object has no attribute 'nope'
