d = {"a": 1, "b": 2, "c": 3}
d["a"] = 100
print(d)  # expect: {'a': 100, 'b': 2, 'c': 3}
