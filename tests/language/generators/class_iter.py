# Generator methods: __iter__ written as a generator, and other generator methods.
class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1

    def evens(self):
        for n in self:
            if n % 2 == 0:
                yield n

c = Countdown(5)
seen = []
for v in c:
    seen.append(v)
print(seen)  # expect: [5, 4, 3, 2, 1]
print(list(c))  # expect: [5, 4, 3, 2, 1]
print(sum(c), max(c))  # expect: 15 5
print(list(c.evens()))  # expect: [4, 2]
print(3 in c, 9 in c)  # expect: True False
a, *b = Countdown(3)
print(a, b)  # expect: 3 [2, 1]
# Each iter() call makes a fresh, independent generator.
i1, i2 = iter(c), iter(c)
print(next(i1), next(i1), next(i2))  # expect: 5 4 5
print(type(i1).__name__)  # expect: generator

# The generator sees attribute changes made while it is suspended.
it = iter(c)
print(next(it))  # expect: 5
c.start = 100
print(next(it))  # expect: 4

class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for child in self.children:
            yield from child
print(list(Tree(1, Tree(2, Tree(3)), Tree(4))))  # expect: [1, 2, 3, 4]

class WithStatic:
    @staticmethod
    def numbers(n):
        yield from range(n)
    @classmethod
    def names(cls):
        yield cls.__name__
print(list(WithStatic.numbers(3)), list(WithStatic.names()))  # expect: [0, 1, 2] ['WithStatic']
