a = [1]
b = a
a += [2, 3]
print(b)  # expect: [1, 2, 3]
a = a + [4]
print(b, a)  # expect: [1, 2, 3] [1, 2, 3, 4]
