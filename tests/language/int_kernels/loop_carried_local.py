# A local assigned late in one iteration and read early in the next; unbound
# before the loop, it may be read only once it has a value.
def pairs(n):
    out = 0
    for i in range(n):
        if i > 0:
            out = out * 10 + (i - prev)
        prev = i * i
    return out, prev


print(pairs(1), pairs(5))  # expect: (0, 0) (1085, 16)


def seeded(n, prev):
    out = 0
    for i in range(n):
        out += prev - i
        prev = i * 3
    return out, prev


print(seeded(4, 100), seeded(4, 2**62 - 1), seeded(4, 2**70))  # expect: (103, 9) (4611686018427387906, 9) (1180591620717411303427, 9)


def too_early(n):
    out = 0
    for i in range(n):
        out += prev  # expect runtime error: UnboundLocalError: cannot access local variable 'prev' where it is not associated with a value
        prev = i
    return out


print(too_early(0))  # expect: 0
print(too_early(2))
