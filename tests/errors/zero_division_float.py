x = 0.0
print(1.5 / x)  # expect runtime error: ZeroDivisionError: float division by zero
