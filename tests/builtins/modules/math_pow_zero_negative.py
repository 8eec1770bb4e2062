import math
print(math.pow(0, -1))  # expect runtime error: ValueError: math domain error
