d = {"a": 1, "b": 2, "c": 3}
del d["a"]
print(d)  # expect: {'b': 2, 'c': 3}
d["a"] = 1
print(d)  # expect: {'b': 2, 'c': 3, 'a': 1}
