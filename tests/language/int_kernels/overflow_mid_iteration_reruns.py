# A kernel that overflows halfway through an iteration throws that iteration
# away and the generic loop runs it again: the statements before the
# overflow must take effect once, not twice.
def count_then_overflow(start):
    n = 0
    x = start
    seen = 0
    for i in range(6):
        n += 1
        x += 1
        seen = seen + x % 1000
    return n, x, seen, i


print(count_then_overflow(2**62 - 3))  # expect: (6, 4611686018427387907, 5427, 5)
print(count_then_overflow(-5))  # expect: (6, 1, 3991, 5)


def while_then_overflow(start):
    steps = 0
    acc = 7
    x = start
    while steps < 5:
        acc = acc * 3 + steps
        steps += 1
        x = x + x
    return steps, acc, x


print(while_then_overflow(2**60))  # expect: (5, 1759, 36893488147419103232)
print(while_then_overflow(3))  # expect: (5, 1759, 96)
