print(int(3.9), int(-3.9))  # expect: 3 -3
print(int(1e20))  # expect: 100000000000000000000
print(int(True), int(False))  # expect: 1 0
print(int())  # expect: 0
