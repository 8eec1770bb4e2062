print(0.1 + 0.2)  # expect: 0.30000000000000004
print(0.1)  # expect: 0.1
print(repr(0.3))  # expect: 0.3
