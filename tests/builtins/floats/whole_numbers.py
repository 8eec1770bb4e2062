print(3.0)  # expect: 3.0
print(2.0 * 4)  # expect: 8.0
print(100.0)  # expect: 100.0
print(1e5)  # expect: 100000.0
