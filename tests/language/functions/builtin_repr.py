print(repr(1), repr(1.5), repr("s"), repr(None), repr(True), repr([1, "a"]))  # expect: 1 1.5 's' None True [1, 'a']
