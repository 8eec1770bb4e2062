t = (1, "x", None)
print("x" in t, 2 in t, None in t)  # expect: True False True
