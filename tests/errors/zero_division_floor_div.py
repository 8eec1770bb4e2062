x = 0
print(5 // x)  # expect runtime error: ZeroDivisionError: integer division or modulo by zero
