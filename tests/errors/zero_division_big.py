x = 0
print(2 ** 100 // x)  # expect runtime error: ZeroDivisionError: integer division or modulo by zero
