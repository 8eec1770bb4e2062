print(str(1.0), repr(2.5))  # expect: 1.0 2.5
print(str(1e100))  # expect: 1e+100
print(str(-1.25))  # expect: -1.25
print(str(0.1 * 3))  # expect: 0.30000000000000004
