print(f"{255:x} {255:X} {255:#x}")  # expect: ff FF 0xff
print(f"{5:b} {8:o} {255:08b}")  # expect: 101 10 11111111
print(f"{2 ** 64:x}")  # expect: 10000000000000000
print(f"{-255:x}")  # expect: -ff
