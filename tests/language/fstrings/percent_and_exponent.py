print(f"{0.25:%}")  # expect: 25.000000%
print(f"{0.256:.1%}")  # expect: 25.6%
print(f"{12345.678:e}")  # expect: 1.234568e+04
print(f"{12345.678:.2e}")  # expect: 1.23e+04
print(f"{0.5:g} {1e20:g} {123456789.0:g}")  # expect: 0.5 1e+20 1.23457e+08
