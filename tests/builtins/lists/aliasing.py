a = [1]
b = a
b.append(2)
print(a)  # expect: [1, 2]
print(a is b, a == [1, 2], a is [1, 2])  # expect: True True False
