xs = [1, "a", None, [2]]
print(1 in xs, "a" in xs, None in xs, [2] in xs)  # expect: True True True True
print(5 in xs, 5 not in xs)  # expect: False True
