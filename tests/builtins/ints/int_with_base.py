print(int("ff", 16))  # expect: 255
print(int("FF", 16))  # expect: 255
print(int("0x1f", 16))  # expect: 31
print(int("101", 2))  # expect: 5
print(int("777", 8))  # expect: 511
print(int("z", 36))  # expect: 35
print(int("0b11", 0), int("0o17", 0), int("12", 0))  # expect: 3 15 12
