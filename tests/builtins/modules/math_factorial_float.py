import math
math.factorial(5.0)  # expect runtime error: TypeError: 'float' object cannot be interpreted as an integer
