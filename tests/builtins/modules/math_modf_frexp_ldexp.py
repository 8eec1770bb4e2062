import math
print(math.modf(3.5))  # expect: (0.5, 3.0)
print(math.modf(-2.25))  # expect: (-0.25, -2.0)
print(math.modf(math.inf))  # expect: (0.0, inf)
print(math.frexp(8.0))  # expect: (0.5, 4)
print(math.frexp(0.1))  # expect: (0.8, -3)
print(math.frexp(0))  # expect: (0.0, 0)
print(math.ldexp(0.5, 4))  # expect: 8.0
print(math.ldexp(3, -1))  # expect: 1.5
print(math.copysign(3, -0.0), math.copysign(-2.5, 1))  # expect: -3.0 2.5
print(math.fabs(-3), math.fabs(2.5))  # expect: 3.0 2.5
