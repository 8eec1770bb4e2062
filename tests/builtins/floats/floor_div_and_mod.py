print(7.5 // 2, -7.5 // 2)  # expect: 3.0 -4.0
print(7.5 % 2, -7.5 % 2, 7.5 % -2)  # expect: 1.5 0.5 -0.5
print(-1e-20 % 1.0)  # expect: 1.0
