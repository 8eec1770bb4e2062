print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1)  # expect: True False True
a = b = c = 5
print(a == b == c, 1 <= a < 10, 1 < a != 5)  # expect: True True False
print(1 < 2 > 0 == 0)  # expect: True
