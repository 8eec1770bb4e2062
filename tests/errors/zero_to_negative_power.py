x = 0
print(x ** -1)  # expect runtime error: ZeroDivisionError: 0.0 cannot be raised to a negative power
