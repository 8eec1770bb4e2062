r = range(1, 5, 0)  # expect runtime error: ValueError: range() arg 3 must not be zero
