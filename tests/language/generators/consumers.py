# Generators consumed by for-loops and by builtins.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1

for x in count(3):
    print(x)
# expect: 0
# expect: 1
# expect: 2
print(list(count(5)))  # expect: [0, 1, 2, 3, 4]
print(sum(count(101)))  # expect: 5050
print(tuple(count(3)))  # expect: (0, 1, 2)
print(max(count(7)), min(count(7)))  # expect: 6 0
print(sorted(count(4), reverse=True))  # expect: [3, 2, 1, 0]
print(list(enumerate(count(3))))  # expect: [(0, 0), (1, 1), (2, 2)]
print(list(zip(count(3), "abc")))  # expect: [(0, 'a'), (1, 'b'), (2, 'c')]
print(" ".join(str(v) for v in count(4)))  # expect: 0 1 2 3
print(3 in count(10), 30 in count(10))  # expect: True False
a, b, c = count(3)
print(a, b, c)  # expect: 0 1 2
first, *rest = count(4)
print(first, rest)  # expect: 0 [1, 2, 3]
print(list(count(0)))  # expect: []
# A for-loop over a generator that is already partly consumed continues it.
g = count(5)
next(g)
next(g)
print([v for v in g])  # expect: [2, 3, 4]
print(list(g))  # expect: []
