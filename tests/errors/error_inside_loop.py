d = {"a": 1, "b": 2}
for k in ["a", "b", "c"]:
    print(d[k])  # expect runtime error: KeyError: 'c'
# expect: 1
# expect: 2
