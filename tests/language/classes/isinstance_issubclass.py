class A:
    pass


class B(A):
    pass


class C:
    pass


b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(b, C))  # expect: True True False
print(isinstance(b, (C, A)), isinstance(b, object))  # expect: True True
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)))  # expect: True False True
print(issubclass(B, object), type(b) is B, type(b) == A)  # expect: True True False
