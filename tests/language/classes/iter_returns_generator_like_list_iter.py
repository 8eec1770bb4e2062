class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __iter__(self):
        return iter(self.items)


a, b = Bag(1, 2)
print(a, b, sorted(Bag(3, 1, 2)))  # expect: 1 2 [1, 2, 3]
