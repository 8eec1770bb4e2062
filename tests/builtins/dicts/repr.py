print({'a': 1, 'b': [1, 2], 3: None})  # expect: {'a': 1, 'b': [1, 2], 3: None}
print({})  # expect: {}
print({"it's": 'v'})  # expect: {"it's": 'v'}
