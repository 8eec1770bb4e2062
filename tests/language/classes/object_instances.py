o = object()
p = object()
print(o == o, o == p, type(o).__name__)  # expect: True False object
print(isinstance(3, object), isinstance(o, object))  # expect: True True
