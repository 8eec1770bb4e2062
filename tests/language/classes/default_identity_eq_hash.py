class Node:
    pass


a = Node()
b = Node()
print(a == a, a == b, a != b)  # expect: True False True
s = {a, b, a}
print(len(s))  # expect: 2
