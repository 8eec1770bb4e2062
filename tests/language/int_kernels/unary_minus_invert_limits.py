# Unary -, + and ~ at the ends of the small-int range: only -(-2**62)
# leaves it.
def neg(x):
    r = 0
    for _ in range(1):
        r = -x
    return r


def inv(x):
    r = 0
    for _ in range(1):
        r = ~x
    return r


def pos(x):
    r = 0
    for _ in range(1):
        r = +x
    return r


print(neg(-2**62))  # expect: 4611686018427387904
print(neg(-2**62 + 1))  # expect: 4611686018427387903
print(neg(2**62 - 1))  # expect: -4611686018427387903
print(neg(0))  # expect: 0
print(inv(2**62 - 1))  # expect: -4611686018427387904
print(inv(-2**62))  # expect: 4611686018427387903
print(inv(0), inv(-1), inv(5))  # expect: -1 0 -6
print(pos(-2**62), pos(2**62 - 1))  # expect: -4611686018427387904 4611686018427387903


def alternate(x, n):
    for i in range(n):
        x = -x - 1 if i % 2 else -x
    return x


print(alternate(2**62 - 1, 3))  # expect: -4611686018427387902
print(alternate(2**62 - 1, 4))  # expect: 4611686018427387901
print(alternate(-2**62, 1))  # expect: 4611686018427387904
