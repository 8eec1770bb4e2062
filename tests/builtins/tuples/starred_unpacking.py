a, *b = [1, 2, 3]
print(a, b)  # expect: 1 [2, 3]
*a, b = (1, 2, 3)
print(a, b)  # expect: [1, 2] 3
a, *b, c = "hello"
print(a, b, c)  # expect: h ['e', 'l', 'l'] o
a, *b = [1]
print(a, b)  # expect: 1 []
