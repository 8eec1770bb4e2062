print([1, 'a', 2.5, None, True, [1, "it's"]])  # expect: [1, 'a', 2.5, None, True, [1, "it's"]]
print([])  # expect: []
