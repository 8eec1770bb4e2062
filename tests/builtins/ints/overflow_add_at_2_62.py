x = 2 ** 62 - 1
print(x)  # expect: 4611686018427387903
print(x + 1)  # expect: 4611686018427387904
print(x + x)  # expect: 9223372036854775806
y = -(2 ** 62)
print(y)  # expect: -4611686018427387904
print(y - 1)  # expect: -4611686018427387905
