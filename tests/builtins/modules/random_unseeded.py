import random
x = random.random()
y = random.random()
print(0.0 <= x < 1.0, 0.0 <= y < 1.0, x != y)  # expect: True True True
random.seed()
n = random.randint(1, 10)
print(1 <= n <= 10)  # expect: True
