x = 1
else:  # expect error: invalid syntax
    pass
