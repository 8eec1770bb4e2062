m = -(2 ** 63)
print(m)  # expect: -9223372036854775808
print(-m)  # expect: 9223372036854775808
print(m - 1)  # expect: -9223372036854775809
print(0 - m)  # expect: 9223372036854775808
