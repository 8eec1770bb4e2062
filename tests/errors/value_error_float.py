print(float("abc"))  # expect runtime error: ValueError: could not convert string to float: 'abc'
