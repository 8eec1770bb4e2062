d = {"x": 1, "y": 2}
for k, v in d.items():
    print(k, v)
# expect: x 1
# expect: y 2
for v in d.values():
    print(v)
# expect: 1
# expect: 2
print(list(d.keys()))  # expect: ['x', 'y']
print(d.keys())  # expect: dict_keys(['x', 'y'])
