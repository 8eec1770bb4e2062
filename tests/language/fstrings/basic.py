x = 5
name = "tide"
print(f"{name} has {x} letters?")  # expect: tide has 5 letters?
print(f"{x}{x}")  # expect: 55
print(f"plain")  # expect: plain
