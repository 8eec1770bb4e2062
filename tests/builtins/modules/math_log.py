import math
print(math.log(math.e))  # expect: 1.0
print(math.log(1))  # expect: 0.0
print(math.log(8, 2))  # expect: 3.0
print(math.log(100, 10))  # expect: 2.0
print(math.log(1000, 10))  # expect: 2.9999999999999996
print(math.log2(1024))  # expect: 10.0
print(math.log2(3))  # expect: 1.584962500721156
print(math.log10(1000))  # expect: 3.0
print(math.log10(2))  # expect: 0.3010299956639812
print(math.log(10**400))  # expect: 921.0340371976182
print(math.log2(2**2000))  # expect: 2000.0
print(math.log10(10**500))  # expect: 500.0
print(math.log(3**1000, 3))  # expect: 999.9999999999999
print(math.log1p(1e-10))  # expect: 9.999999999500001e-11
print(math.log(math.inf))  # expect: inf
