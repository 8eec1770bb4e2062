import random
random.seed(12345)
first = [random.random() for i in range(10)]
random.seed(12345)
second = [random.random() for i in range(10)]
print(first == second)  # expect: True
print(first[9])  # expect: 0.4329362680099159
