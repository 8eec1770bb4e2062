r = range(0, 20, 5)
print(r[2], r[-1], range(10)[3])  # expect: 10 15 3
