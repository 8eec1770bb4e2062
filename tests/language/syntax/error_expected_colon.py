x = 3
if x > 2  # expect error: expected ':'
    print(x)
