import math
print(math.sqrt(16))  # expect: 4.0
print(math.sqrt(2))  # expect: 1.4142135623730951
print(math.sqrt(0.25))  # expect: 0.5
print(math.sqrt(10**20))  # expect: 10000000000.0
print(math.sqrt(True))  # expect: 1.0
print(math.sqrt(math.inf))  # expect: inf
print(math.isqrt(10**40 + 12345))  # expect: 100000000000000000000
print(math.isqrt(99))  # expect: 9
print(math.cbrt(27))  # expect: 3.0000000000000004
