i = 0
while i < 6:
    i += 1
    if i % 2:
        continue
    print(i)
# expect: 2
# expect: 4
# expect: 6
