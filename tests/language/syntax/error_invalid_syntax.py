print("never printed")
x = = 2  # expect error: invalid syntax
