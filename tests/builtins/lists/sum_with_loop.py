total = 0
for x in [1, 2, 3, 4.5]:
    total += x
print(total)  # expect: 10.5
