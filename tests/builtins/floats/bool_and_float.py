print(True + 0.5)  # expect: 1.5
print(0.0 == False)  # expect: True
