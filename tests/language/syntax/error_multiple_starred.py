a, *b, *c = 1, 2, 3  # expect error: multiple starred expressions in assignment
