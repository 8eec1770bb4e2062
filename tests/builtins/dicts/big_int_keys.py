d = {2 ** 100: "big", -1: "neg"}
print(d[2 ** 100], d[-1])  # expect: big neg
print(2 ** 100 + 1 in d)  # expect: False
