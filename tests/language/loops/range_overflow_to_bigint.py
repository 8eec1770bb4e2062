x = 2**62 - 2
for _ in range(4):
    x += 1
print(x, x > 2**62)  # expect: 4611686018427387906 True
y = 1
for k in range(1, 30):
    y *= k
print(y)  # expect: 8841761993739701954543616000000
