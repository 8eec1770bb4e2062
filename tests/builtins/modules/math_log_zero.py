import math
x = math.log(0)  # expect runtime error: ValueError: math domain error
