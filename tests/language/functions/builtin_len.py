print(len("abc"), len([1, 2]), len((1,)), len({"a": 1}), len(range(3)))  # expect: 3 2 1 1 3
