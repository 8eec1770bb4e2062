n = 1234567
print(f"{n:,}")  # expect: 1,234,567
print(f"{-1234:,}")  # expect: -1,234
print(f"{2 ** 70:,}")  # expect: 1,180,591,620,717,411,303,424
print(f"{1234.5:,.2f}")  # expect: 1,234.50
print(f"{n:_}")  # expect: 1_234_567
