print((1 + 2) * 3)  # expect: 9
print(1 + 2 * 3)  # expect: 7
print(2 ** 3 ** 2)  # expect: 512
print(-2 ** 2)  # expect: -4
print((-2) ** 2)  # expect: 4
print(not 1 == 2)  # expect: True
