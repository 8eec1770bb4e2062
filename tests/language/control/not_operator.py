print(not 0, not 1, not "", not [1], not None)  # expect: True False True False True
print(not 1 == 2)  # expect: True
