import math
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(0, 0))  # expect: 1024.0 1.4142135623730951 1.0
print(math.pow(-8, 3), math.pow(2, -2))  # expect: -512.0 0.25
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7.5, 2))  # expect: 1.0 -1.0 1.5
print(math.fmod(5, math.inf))  # expect: 5.0
print(math.hypot(3, 4))  # expect: 5.0
print(math.hypot(1, 2, 3))  # expect: 3.7416573867739413
print(math.hypot(), math.hypot(-5))  # expect: 0.0 5.0
print(math.hypot(1e200, 1e200))  # expect: 1.414213562373095e+200
print(math.hypot(0.1, 0.2, 0.3, 0.4))  # expect: 0.5477225575051661
