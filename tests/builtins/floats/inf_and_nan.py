inf = float("inf")
print(inf, -inf)  # expect: inf -inf
print(float("-inf"))  # expect: -inf
print(float("nan"))  # expect: nan
print(inf - inf)  # expect: nan
print(inf > 1e308)  # expect: True
print(inf * 0)  # expect: nan
print(1e308 * 10)  # expect: inf
