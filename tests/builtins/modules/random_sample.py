import random
random.seed(99)
print(random.sample(range(100), 5))  # expect: [51, 48, 25, 76, 22]
print(random.sample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4))  # expect: [4, 10, 3, 7]
print(sorted(random.sample(range(10), 10)))  # expect: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(random.sample("abcdefgh", 3))  # expect: ['g', 'f', 'e']
print(random.sample(range(1000000), 8))  # expect: [616989, 227218, 831116, 945814, 826609, 392146, 862270, 406964]
print(random.sample(range(40), 30))  # expect: [13, 9, 29, 11, 21, 5, 33, 34, 30, 10, 12, 1, 8, 17, 0, 39, 6, 36, 26, 2, 14, 16, 23, 19, 28, 32, 20, 3, 22, 24]
print(random.sample(["x", "y"], counts=[3, 2], k=5))  # expect: ['y', 'x', 'x', 'x', 'y']
print(random.sample([1, 2, 3], 0))  # expect: []
