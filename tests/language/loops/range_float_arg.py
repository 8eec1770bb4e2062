for i in range(2.5):  # expect runtime error: TypeError: 'float' object cannot be interpreted as an integer
    pass
