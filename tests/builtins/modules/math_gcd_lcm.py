import math
print(math.gcd(12, 18), math.gcd(), math.gcd(0, 0), math.gcd(7))  # expect: 6 0 0 7
print(math.gcd(-12, 18, 30))  # expect: 6
print(math.gcd(2**100, 3 * 2**80))  # expect: 1208925819614629174706176
print(math.lcm(4, 6), math.lcm(), math.lcm(0, 5), math.lcm(2, 3, 4))  # expect: 12 1 0 12
print(math.lcm(-4, 6))  # expect: 12
print(math.lcm(2**64, 3**40))  # expect: 224269343257001716702690972139746492416
