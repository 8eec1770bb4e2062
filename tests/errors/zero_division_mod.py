x = 0
print(5 % x)  # expect runtime error: ZeroDivisionError: integer modulo by zero
