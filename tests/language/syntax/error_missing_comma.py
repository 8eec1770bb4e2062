print(1 2)  # expect error: invalid syntax. Perhaps you forgot a comma?
