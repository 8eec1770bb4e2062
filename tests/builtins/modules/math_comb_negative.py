import math
math.comb(5, -1)  # expect runtime error: ValueError: k must be a non-negative integer
