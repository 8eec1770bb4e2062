print(0x1F, 0o17, 0b101)  # expect: 31 15 5
print(1_000_000)  # expect: 1000000
print(0xFFFF_FFFF)  # expect: 4294967295
print(0)  # expect: 0
print(00)  # expect: 0
