import math
print(math.floor(2.5), math.ceil(2.5), math.trunc(2.5))  # expect: 2 3 2
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5))  # expect: -3 -2 -2
print(math.floor(7), math.ceil(-7), math.trunc(True))  # expect: 7 -7 1
print(math.floor(1e20))  # expect: 100000000000000000000
print(math.ceil(-1.5e30))  # expect: -1499999999999999889089448902656
print(math.trunc(2.0**70))  # expect: 1180591620717411303424
print(type(math.floor(3.7)).__name__)  # expect: int
