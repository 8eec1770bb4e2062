def divmod_(a, b):
    return a // b, a % b
q, r = divmod_(17, 5)
print(q, r, divmod_(-7, 2))  # expect: 3 2 (-4, 1)
