a = 1
b = "2"
print(a + b)  # expect runtime error: TypeError: unsupported operand type(s) for +: 'int' and 'str'
