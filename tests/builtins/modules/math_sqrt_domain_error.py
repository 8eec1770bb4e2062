import math
print("before")  # expect: before
math.sqrt(-1)  # expect runtime error: ValueError: math domain error
