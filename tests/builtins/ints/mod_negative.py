print(7 % 3, -7 % 3, 7 % -3, -7 % -3)  # expect: 1 2 -2 -1
print(-1 % 10)  # expect: 9
print(10 % 5)  # expect: 0
