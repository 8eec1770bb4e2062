import random
random.seed(1)
print([random.randint(1, 6) for i in range(20)])  # expect: [2, 5, 1, 3, 1, 4, 4, 4, 6, 4, 2, 1, 4, 1, 4, 4, 5, 1, 6, 4]
print([random.randint(-1000, 1000) for i in range(5)])  # expect: [-455, 477, 642, -532, 210]
print(random.randint(0, 2**80))  # expect: 53957290701307232063891
print(random.randint(5, 5))  # expect: 5
