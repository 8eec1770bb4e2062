print(2.0 ** 10)  # expect: 1024.0
print(10.0 ** -2)  # expect: 0.01
print(4 ** 0.5)  # expect: 2.0
print(1.1 * 1.1)  # expect: 1.2100000000000002
