class N:
    def __init__(self, v):
        self.v = v

    def __sub__(self, o): return N(self.v - o.v)
    def __mul__(self, o): return N(self.v * o.v)
    def __truediv__(self, o): return N(self.v / o.v)
    def __floordiv__(self, o): return N(self.v // o.v)
    def __mod__(self, o): return N(self.v % o.v)
    def __pow__(self, o): return N(self.v ** o.v)
    def __matmul__(self, o): return N(self.v * 100 + o.v)
    def __lshift__(self, o): return N(self.v << o.v)
    def __rshift__(self, o): return N(self.v >> o.v)
    def __and__(self, o): return N(self.v & o.v)
    def __or__(self, o): return N(self.v | o.v)
    def __xor__(self, o): return N(self.v ^ o.v)
    def __neg__(self): return N(-self.v)
    def __pos__(self): return N(+self.v)
    def __invert__(self): return N(~self.v)
    def __abs__(self): return N(abs(self.v))


a, b = N(7), N(2)
print([(x).v for x in [a - b, a * b, a / b, a // b, a % b, a ** b, a @ b]])  # expect: [5, 14, 3.5, 3, 1, 49, 702]
print([(x).v for x in [a << b, a >> b, a & b, a | b, a ^ b]])  # expect: [28, 1, 2, 7, 5]
print((-a).v, (+a).v, (~a).v, abs(N(-3)).v)  # expect: -7 7 -8 3
