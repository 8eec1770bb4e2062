import math
print(math.prod([1, 2, 3, 4]))  # expect: 24
print(math.prod([]))  # expect: 1
print(math.prod(range(1, 26)))  # expect: 15511210043330985984000000
print(math.prod([0.5, 4]))  # expect: 2.0
print(math.prod([2, 3], start=10))  # expect: 60
print(math.prod(["ab"], start=3))  # expect: ababab
