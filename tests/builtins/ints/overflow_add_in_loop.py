def grow():
    x = 1
    i = 0
    while i < 70:
        x = x + x
        i += 1
    return x
print(grow())  # expect: 1180591620717411303424
