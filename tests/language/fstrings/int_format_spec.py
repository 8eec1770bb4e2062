n = 42
print(f"{n:05d}")  # expect: 00042
print(f"{n:+d} {-n:+d}")  # expect: +42 -42
print(f"{-n:06d}")  # expect: -00042
print(f"{n:=+6}")  # expect: +   42
