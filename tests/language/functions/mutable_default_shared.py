def add(x, acc=[]):
    acc.append(x)
    return acc
print(add(1))  # expect: [1]
print(add(2))  # expect: [1, 2]
print(add(3, []))  # expect: [3]
