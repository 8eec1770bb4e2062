d = {"a": 1, "b": 2}
d.update({"c": 3, "a": 0})
print(d)  # expect: {'a': 0, 'b': 2, 'c': 3}
