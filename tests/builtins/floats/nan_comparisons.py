nan = float("nan")
print(nan == nan, nan != nan)  # expect: False True
print(nan < 1, nan > 1)  # expect: False False
