print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 5))  # expect: True True True
print((1, 2) == [1, 2])  # expect: False
