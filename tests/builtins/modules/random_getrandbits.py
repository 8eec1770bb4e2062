import random
random.seed(8)
print(random.getrandbits(0))  # expect: 0
print(random.getrandbits(1), random.getrandbits(8), random.getrandbits(32))  # expect: 0 94 4133025703
print(random.getrandbits(33))  # expect: 1612199532
print(random.getrandbits(64))  # expect: 13001577501513750438
print(random.getrandbits(100))  # expect: 248526308173678036829888385200
print(random.getrandbits(257))  # expect: 53164057480731628488572180962582382927849355044353846935081429109554549817360
