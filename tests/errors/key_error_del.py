d = {"a": 1}
del d["b"]  # expect runtime error: KeyError: 'b'
