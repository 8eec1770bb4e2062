print(len(range(10)))  # expect: 10
print(len(range(0, 10, 3)))  # expect: 4
print(len(range(10, 0, -2)))  # expect: 5
print(len(range(5, 5)), len(range(0, -5)))  # expect: 0 0
print(len(range(2 ** 40)))  # expect: 1099511627776
