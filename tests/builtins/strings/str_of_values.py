print(str(1) + str(None) + str(True))  # expect: 1NoneTrue
print(str([1, 'a']))  # expect: [1, 'a']
print(str((1,)))  # expect: (1,)
print(str({'a': 1}))  # expect: {'a': 1}
print(str("x"))  # expect: x
print(str())  # expect:
