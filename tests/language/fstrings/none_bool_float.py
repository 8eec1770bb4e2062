print(f"{None} {True} {False}")  # expect: None True False
print(f"{0.1 + 0.2}")  # expect: 0.30000000000000004
print(f"{1e16}")  # expect: 1e+16
