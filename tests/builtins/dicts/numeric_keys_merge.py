d = {1: "a", 1.0: "b", True: "c"}
print(d)  # expect: {1: 'c'}
print(d[1.0])  # expect: c
