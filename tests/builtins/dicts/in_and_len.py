d = {"a": 1, "b": 2}
print("a" in d, "z" in d, 1 in d, len(d))  # expect: True False False 2
print("z" not in d)  # expect: True
