print(7 // 2, -7 // 2, 7 // -2, -7 // -2)  # expect: 3 -4 -4 3
print(-1 // 10)  # expect: -1
print(0 // -3)  # expect: 0
