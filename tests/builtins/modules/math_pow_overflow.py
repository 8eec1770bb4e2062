import math
print(math.pow(10, 400))  # expect runtime error: OverflowError: math range error
