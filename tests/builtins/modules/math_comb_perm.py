import math
print(math.comb(5, 2), math.comb(3, 5), math.comb(10, 0), math.comb(10, 10))  # expect: 10 0 1 1
print(math.comb(100, 50))  # expect: 100891344545564193334812497256
print(math.perm(5, 2), math.perm(5), math.perm(10, 0), math.perm(3, 4))  # expect: 20 120 1 0
print(math.perm(30, 15))  # expect: 202843204931727360000
print(math.comb(10**20, 2))  # expect: 4999999999999999999950000000000000000000
