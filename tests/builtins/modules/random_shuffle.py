import random
random.seed(3)
cards = list(range(20))
random.shuffle(cards)
print(cards)  # expect: [8, 3, 6, 5, 15, 16, 2, 12, 0, 1, 13, 10, 19, 9, 14, 11, 4, 17, 18, 7]
random.shuffle(cards)
print(cards)  # expect: [14, 10, 16, 12, 1, 18, 9, 4, 3, 8, 2, 0, 6, 13, 5, 15, 19, 11, 7, 17]
words = ["a", "b"]
random.shuffle(words)
print(words)  # expect: ['a', 'b']
one = [1]
random.shuffle(one)
print(one)  # expect: [1]
print(sorted(cards) == list(range(20)))  # expect: True
