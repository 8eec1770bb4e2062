class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x, scale=1):
        return (x + self.n) * scale


add5 = Adder(5)
print(add5(1))  # expect: 6
print(add5(1, scale=10))  # expect: 60
print(callable(add5), callable(Adder))  # expect: True True
print(list(map(add5, [1, 2])))  # expect: [6, 7]
