for x in [1, 2, 3]:
    if x == 5:
        break
else:
    print("not found")  # expect: not found
for x in [1, 5, 3]:
    if x == 5:
        print("found")  # expect: found
        break
else:
    print("not printed")
