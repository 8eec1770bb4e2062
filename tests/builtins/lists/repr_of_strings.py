print(["it's", 'a"b', "é", "\n"])  # expect: ["it's", 'a"b', 'é', '\n']
