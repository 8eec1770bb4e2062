# After a kernel the loop variable holds its last value, as do the locals.
def last(start, stop, step):
    count = 0
    for i in range(start, stop, step):
        count += 1
    return i, count


print(last(0, 10, 1))  # expect: (9, 10)
print(last(0, 10, 3))  # expect: (9, 4)
print(last(10, -10, -7))  # expect: (-4, 3)
print(last(2**62 - 5, 2**62 - 1, 1))  # expect: (4611686018427387902, 4)
print(last(-2**62 + 3, -2**62 - 1, -1))  # expect: (-4611686018427387904, 4)


def last_after_bail(n):
    x = 2**62 - 3
    for i in range(n):
        x += i
    return i, x


print(last_after_bail(6))  # expect: (5, 4611686018427387916)
