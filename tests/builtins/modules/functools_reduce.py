# reduce folds from the left, starting from the initial value if given.
from functools import reduce

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))          # expect: 10
print(reduce(lambda a, b: a * b, range(1, 6), 10))       # expect: 1200
print(reduce(lambda a, b: [b] + a, "abc", []))           # expect: ['c', 'b', 'a']
print(reduce(max, [7]))                                  # expect: 7
print(reduce(max, [], "empty"))                          # expect: empty
try:
    reduce(max, 5)
except TypeError as e:
    print(e)   # expect: reduce() arg 2 must support iteration
try:
    reduce(max)
except TypeError as e:
    print(e)   # expect: reduce expected at least 2 arguments, got 1
reduce(max, [])   # expect runtime error: TypeError: reduce() of empty iterable with no initial value
