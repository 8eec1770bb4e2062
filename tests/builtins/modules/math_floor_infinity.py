import math
print(math.floor(math.inf))  # expect runtime error: OverflowError: cannot convert float infinity to integer
