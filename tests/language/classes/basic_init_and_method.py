class Counter:
    def __init__(self, start):
        self.value = start

    def bump(self, by=1):
        self.value += by
        return self.value


c = Counter(10)
print(c.value)  # expect: 10
print(c.bump())  # expect: 11
print(c.bump(by=5))  # expect: 16
