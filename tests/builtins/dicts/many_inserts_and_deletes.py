d = {}
for i in range(1000):
    d[i] = i * 2
for i in range(0, 1000, 2):
    del d[i]
print(len(d))  # expect: 500
n = 0
for k in d:
    if n == 3:
        break
    print(k, d[k])
    n += 1
# expect: 1 2
# expect: 3 6
# expect: 5 10
print(d[999])  # expect: 1998
