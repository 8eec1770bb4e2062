class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        if isinstance(other, V):
            return V(self.x + other.x)
        if isinstance(other, int):
            return V(self.x + other)
        return NotImplemented

    def __radd__(self, other):
        return V(other + self.x)

    def __iadd__(self, other):
        self.x += other.x
        return self

    def __repr__(self):
        return f"V({self.x})"


a = V(1)
print(a + V(2), a + 10, 10 + a)  # expect: V(3) V(11) V(11)
print(sum([V(1), V(2)]))  # expect: V(3)
b = a
b += V(5)
print(a, b is a)  # expect: V(6) True
