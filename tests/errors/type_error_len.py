print(len(5))  # expect runtime error: TypeError: object of type 'int' has no len()
