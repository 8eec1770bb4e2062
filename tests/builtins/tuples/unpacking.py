a, b = 1, 2
print(a, b)  # expect: 1 2
a, b = b, a
print(a, b)  # expect: 2 1
x, y, z = "abc"
print(z, y, x)  # expect: c b a
[p, q] = [3, 4]
print(p + q)  # expect: 7
