xs = [1, 2, 3, 4]
print(xs.pop())  # expect: 4
print(xs.pop(0))  # expect: 1
print(xs)  # expect: [2, 3]
