a = 2 ** 100 + 7
print(a // 3)  # expect: 422550200076076467165567735127
print(a % 3)  # expect: 2
print(-a // 3)  # expect: -422550200076076467165567735128
print(-a % 3)  # expect: 1
print(a // -(2 ** 80))  # expect: -1048577
print(a % -(2 ** 80))  # expect: -1208925819614629174706169
