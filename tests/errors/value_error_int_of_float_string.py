print(int("1.5"))  # expect runtime error: ValueError: invalid literal for int() with base 10: '1.5'
