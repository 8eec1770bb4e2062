# Ranges whose values lie next to the ends of the small-int range; the loop
# variable itself stays small, arithmetic on it may not.
def near(start, stop, step, d):
    out = 0
    c = 0
    for i in range(start, stop, step):
        out = out ^ (i + d)
        c += 1
    return out, c


print(near(2**62 - 4, 2**62 - 1, 1, 0))  # expect: (4611686018427387903, 3)
print(near(2**62 - 4, 2**62 - 1, 1, 1))  # expect: (4611686018427387900, 3)
print(near(2**62 - 4, 2**62 - 1, 1, 3))  # expect: (4611686018427387902, 3)
print(near(-2**62 + 2, -2**62 - 1, -1, 0))  # expect: (-4611686018427387901, 3)
print(near(-2**62 + 2, -2**62 - 1, -1, -1))  # expect: (-4611686018427387906, 3)
print(near(2**62 - 3, 2**62 + 3, 1, 0))  # expect: (9223372036854775807, 6)
print(near(-2**62, 2**62 - 1, 2**61, 2**61))  # expect: (-9223372036854775808, 4)


def double_target(n):
    out = 0
    for i in range(2**61 - n, 2**61 + n):
        out = i * 2 - out
    return out


print(double_target(2), double_target(3))  # expect: 4 6
