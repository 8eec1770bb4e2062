print(int("x"))  # expect runtime error: ValueError: invalid literal for int() with base 10: 'x'
