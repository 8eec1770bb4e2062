x = 4
t = True
print(f"{x * 2} {x + 1} {x // 3}")  # expect: 8 5 1
print(f"{'yes' if t else 'no'}")  # expect: yes
print(f"{len('abc')}")  # expect: 3
print(f"{x}" + f"{x}")  # expect: 44
