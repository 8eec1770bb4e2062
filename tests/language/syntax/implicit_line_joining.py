xs = [
    1,
    2,
        3,
]
d = {'a': 1,
  'b': 2}
print(xs,
      d)  # expect: [1, 2, 3] {'a': 1, 'b': 2}
