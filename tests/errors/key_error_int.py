d = {}
print(d[5])  # expect runtime error: KeyError: 5
