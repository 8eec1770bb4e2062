print([1, 2] == [1, 2], [1, 2] != [2, 1])  # expect: True True
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9])  # expect: True True True
print([] == [], [1] == [1.0])  # expect: True True
