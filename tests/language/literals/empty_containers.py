print([], (), {})  # expect: [] () {}
print(len(""), repr(""))  # expect: 0 ''
