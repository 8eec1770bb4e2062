import random
random.seed(1.5)
print(random.random())  # expect: 0.551763726942059
random.seed(-1.5)
print(random.random())  # expect: 0.7101153317194698
random.seed(True)
print(random.random())  # expect: 0.13436424411240122
random.seed(1)
print(random.random())  # expect: 0.13436424411240122
