step = 0
for i in range(1, 5, step):  # expect runtime error: ValueError: range() arg 3 must not be zero
    print(i)
