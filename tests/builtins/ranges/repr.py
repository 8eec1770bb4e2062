print(range(5))  # expect: range(0, 5)
print(range(1, 10, 2))  # expect: range(1, 10, 2)
