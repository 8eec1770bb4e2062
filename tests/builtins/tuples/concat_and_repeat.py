print((1,) + (2, 3))  # expect: (1, 2, 3)
print((0,) * 3)  # expect: (0, 0, 0)
