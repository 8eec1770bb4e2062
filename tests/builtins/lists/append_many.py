xs = []
for i in range(10000):
    xs.append(i * i)
print(len(xs), xs[0], xs[9999], xs[-2])  # expect: 10000 0 99980001 99960004
