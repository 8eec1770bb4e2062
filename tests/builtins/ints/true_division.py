print(7 / 2)  # expect: 3.5
print(4 / 2)  # expect: 2.0
print(1 / 3)  # expect: 0.3333333333333333
print(-1 / 4)  # expect: -0.25
print(2 ** 100 / 2 ** 99)  # expect: 2.0
