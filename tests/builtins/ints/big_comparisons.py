a = 2 ** 100
b = 2 ** 99
print(a > b, a < b, a == b * 2, a != b)  # expect: True False True True
print(a > 5, 5 < a, -a < 5)  # expect: True True True
print(2 ** 64 == 18446744073709551616)  # expect: True
print(2 ** 62 > 2 ** 62 - 1)  # expect: True
print(a >= a, a <= a)  # expect: True True
