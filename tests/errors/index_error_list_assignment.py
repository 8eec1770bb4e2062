xs = [1]
xs[-2] = 0  # expect runtime error: IndexError: list assignment index out of range
