for a, b in [(1, 2), (3, 4)]:
    print(a * b)
# expect: 2
# expect: 12
for i, (x, y) in [(0, "ab"), (1, "cd")]:
    print(i, y, x)
# expect: 0 b a
# expect: 1 d c
