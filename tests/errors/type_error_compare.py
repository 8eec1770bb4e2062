a = 1
print(a < "x")  # expect runtime error: TypeError: '<' not supported between instances of 'int' and 'str'
