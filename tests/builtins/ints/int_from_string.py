print(int("42"))  # expect: 42
print(int("  -17  "))  # expect: -17
print(int("+8"))  # expect: 8
print(int("1_000"))  # expect: 1000
print(int("123456789012345678901234567890"))  # expect: 123456789012345678901234567890
