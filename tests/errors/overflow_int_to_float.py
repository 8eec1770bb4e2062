print(float(2 ** 2000))  # expect runtime error: OverflowError: int too large to convert to float
