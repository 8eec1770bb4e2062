d = {}
k = "ke"
d[k + "y"] = 1
print(d["key"])  # expect: 1
