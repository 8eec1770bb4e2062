d = {"a": {"b": {"c": 1}}}
d["a"]["b"]["c"] += 1
print(d)  # expect: {'a': {'b': {'c': 2}}}
