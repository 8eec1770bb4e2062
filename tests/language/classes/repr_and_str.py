class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self.cents / 100:.2f}"


m = Money(1234)
print(m)  # expect: $12.34
print(repr(m))  # expect: Money(1234)
print(f"{m} {m!r}")  # expect: $12.34 Money(1234)
print([m, m])  # expect: [Money(1234), Money(1234)]
print(str(m))  # expect: $12.34
