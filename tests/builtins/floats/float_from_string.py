print(float("1.5"))  # expect: 1.5
print(float("  -2.5e3 "))  # expect: -2500.0
print(float("inf"), float("-Infinity"), float("nan"))  # expect: inf -inf nan
print(float("10"))  # expect: 10.0
print(float(7))  # expect: 7.0
print(float())  # expect: 0.0
