print(list(range(5)))  # expect: [0, 1, 2, 3, 4]
print(list(range(5, 0, -1)))  # expect: [5, 4, 3, 2, 1]
print(list(range(-3, 3, 2)))  # expect: [-3, -1, 1]
