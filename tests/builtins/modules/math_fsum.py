import math
print(sum([0.1] * 10))  # expect: 0.9999999999999999
print(math.fsum([0.1] * 10))  # expect: 1.0
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))  # expect: 1e-100
print(math.fsum([]))  # expect: 0.0
print(math.fsum(range(10)))  # expect: 45.0
print(math.fsum([1.0, 1e-16, 1e-16]))  # expect: 1.0000000000000002
print(math.fsum([math.inf, 1.0]))  # expect: inf
print(math.fsum([0.3, 0.2, 0.1, -0.6]))  # expect: 2.7755575615628914e-17
