print(2 ** -1)  # expect: 0.5
print(10 ** -3)  # expect: 0.001
print((-2) ** 3)  # expect: -8
print(0 ** 0)  # expect: 1
