big = 2 ** 100
x = big - big + 5
print(x)  # expect: 5
print(x + 1)  # expect: 6
print(x == 5)  # expect: True
print((2 ** 70) // (2 ** 68))  # expect: 4
