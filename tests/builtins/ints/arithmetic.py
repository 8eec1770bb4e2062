a = 17
b = 5
print(a + b, a - b, a * b)  # expect: 22 12 85
print(a // b, a % b)  # expect: 3 2
print(a / b)  # expect: 3.4
print(a ** 2)  # expect: 289
print(-a)  # expect: -17
print(+a)  # expect: 17
print(--a)  # expect: 17
