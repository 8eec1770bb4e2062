t = (10, 20, 30, 40)
print(t[0], t[-1], len(t))  # expect: 10 40 4
print(t[1:3], t[::-1])  # expect: (20, 30) (40, 30, 20, 10)
