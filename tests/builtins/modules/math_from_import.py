from math import sqrt, pi, floor
print(sqrt(81))  # expect: 9.0
print(floor(pi * 100))  # expect: 314
