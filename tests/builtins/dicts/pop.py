d = {"a": 1, "b": 2}
print(d.pop("a"), d.pop("z", None), d)  # expect: 1 None {'b': 2}
