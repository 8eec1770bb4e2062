import random
random.seed(2024)
colors = ["red", "green", "blue", "yellow"]
print([random.choice(colors) for i in range(8)])  # expect: ['yellow', 'green', 'blue', 'green', 'yellow', 'blue', 'green', 'yellow']
print(random.choice("abcdef"))  # expect: c
print(random.choice((10, 20, 30)))  # expect: 20
print(random.choice(range(1000)))  # expect: 539
