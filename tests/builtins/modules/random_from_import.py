from random import randint, seed, choice
seed(10)
print(randint(1, 100), choice([1, 2, 3]))  # expect: 74 1
