import random
random.seed(7)
print([random.randrange(10) for i in range(10)])  # expect: [5, 2, 6, 0, 1, 8, 1, 5, 9, 0]
print([random.randrange(0, 100, 5) for i in range(5)])  # expect: [80, 30, 5, 10, 65]
print([random.randrange(10, 0, -2) for i in range(5)])  # expect: [4, 10, 8, 10, 2]
print([random.randrange(-5, 5) for i in range(5)])  # expect: [1, -5, 4, -4, -2]
print(random.randrange(2**70))  # expect: 117997927718776605429
print(random.randrange(2**70, 2**71, 3))  # expect: 1248166572588087349348
