a = b = c = 4
print(a, b, c)  # expect: 4 4 4
