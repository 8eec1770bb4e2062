LIMIT = 10
def under(x):
    return x < LIMIT
print(under(3), under(30))  # expect: True False
