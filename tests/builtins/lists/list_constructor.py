print(list("abc"))  # expect: ['a', 'b', 'c']
print(list(range(4)))  # expect: [0, 1, 2, 3]
print(list((1, 2)))  # expect: [1, 2]
print(list())  # expect: []
