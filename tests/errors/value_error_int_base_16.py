print(int("fg", 16))  # expect runtime error: ValueError: invalid literal for int() with base 16: 'fg'
