print(x)  # expect runtime error: NameError: name 'x' is not defined
