(a, b), c = (1, 2), 3
print(a, b, c)  # expect: 1 2 3
a, (b, *c) = 0, [1, 2, 3]
print(a, b, c)  # expect: 0 1 [2, 3]
