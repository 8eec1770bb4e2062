print(0.1 + 0.2 == 0.3)  # expect: False
print(1.5 < 2, 2 > 1.5, 1.0 == 1)  # expect: True True True
print(-1.5 < -1)  # expect: True
