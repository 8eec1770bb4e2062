s = 0
for i in range(3, 8):
    s += i
print(s)  # expect: 25
