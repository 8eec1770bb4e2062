import math
math.sqrt("9")  # expect runtime error: TypeError: must be real number, not str
