x = 5
s = "a"
print(f"{x=}")  # expect: x=5
print(f"{s=}")  # expect: s='a'
print(f"{x + 1 = }")  # expect: x + 1 = 6
