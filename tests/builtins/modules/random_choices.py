import random
random.seed(5)
print(random.choices(["a", "b", "c"], k=10))  # expect: ['b', 'c', 'c', 'c', 'c', 'c', 'a', 'b', 'c', 'b']
print(random.choices(["a", "b", "c"]))  # expect: ['c']
print(random.choices(["a", "b", "c"], [10, 1, 1], k=10))  # expect: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'a']
print(random.choices(["a", "b", "c"], weights=[0.2, 0.5, 0.3], k=6))  # expect: ['a', 'c', 'a', 'b', 'a', 'a']
print(random.choices(["a", "b", "c"], cum_weights=[1, 2, 100], k=6))  # expect: ['c', 'c', 'c', 'c', 'c', 'c']
print(random.choices(range(5), k=0))  # expect: []
