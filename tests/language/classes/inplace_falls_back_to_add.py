class S:
    def __init__(self, s):
        self.s = s

    def __add__(self, o):
        return S(self.s + o.s)


a = S("x")
b = a
a += S("y")
print(a.s, b.s, a is b)  # expect: xy x False
