import math
print(math.exp(700) > 1e300)  # expect: True
print(math.exp(1000))  # expect runtime error: OverflowError: math range error
