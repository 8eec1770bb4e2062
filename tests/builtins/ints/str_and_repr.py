print(str(2 ** 100))  # expect: 1267650600228229401496703205376
print(repr(-5))  # expect: -5
print(len(str(2 ** 1000)))  # expect: 302
print(str(-0))  # expect: 0
