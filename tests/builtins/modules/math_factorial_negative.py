import math
math.factorial(-1)  # expect runtime error: ValueError: factorial() not defined for negative values
