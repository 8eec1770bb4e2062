class A:
    def __add__(self, o):
        return "A.add"

    def __radd__(self, o):
        return "A.radd"


class B(A):
    def __radd__(self, o):
        return "B.radd"


print(A() + A(), A() + B(), 1 + A())  # expect: A.add B.radd A.radd
