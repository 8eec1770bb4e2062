print([1, 2] + [3])  # expect: [1, 2, 3]
print([0] * 3)  # expect: [0, 0, 0]
print(2 * ['a'])  # expect: ['a', 'a']
print([1] * 0)  # expect: []
