class = 3  # expect error: invalid syntax
