print(5 in range(10), 10 in range(10), 4 in range(0, 10, 3), 3 in range(0, 10, 3))  # expect: True False False True
