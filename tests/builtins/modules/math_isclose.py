import math
print(0.1 + 0.2 == 0.3)  # expect: False
print(math.isclose(0.1 + 0.2, 0.3))  # expect: True
print(math.isclose(1, 1.1))  # expect: False
print(math.isclose(1, 1.1, rel_tol=0.2))  # expect: True
print(math.isclose(0, 1e-12))  # expect: False
print(math.isclose(0, 1e-12, abs_tol=1e-9))  # expect: True
print(math.isclose(math.inf, math.inf), math.isclose(math.nan, math.nan))  # expect: True False
