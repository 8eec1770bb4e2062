print(1 + 2.0)  # expect: 3.0
print(3 * 0.5)  # expect: 1.5
print(2 ** 0.5)  # expect: 1.4142135623730951
print(2 ** 100 * 1.0)  # expect: 1.2676506002282294e+30
print(2 ** 53 + 1 == float(2 ** 53 + 1))  # expect: False
print(1 == 1.0, 2 ** 60 == 2.0 ** 60)  # expect: True True
