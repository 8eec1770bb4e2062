# + and - across the ends of the small-int range [-2**62, 2**62 - 1].
def add_steps(x, d, k):
    out = 0
    for i in range(k):
        x = x + d
        out = out ^ (x & 0xFFFF)
    return x, out


print(add_steps(2**62 - 4, 1, 3))  # expect: (4611686018427387903, 65532)
print(add_steps(2**62 - 4, 1, 4))  # expect: (4611686018427387904, 65532)
print(add_steps(2**62 - 4, 1, 5))  # expect: (4611686018427387905, 65533)
print(add_steps(-2**62 + 3, -1, 3))  # expect: (-4611686018427387904, 3)
print(add_steps(-2**62 + 3, -1, 4))  # expect: (-4611686018427387905, 65532)
print(add_steps(2**61, 2**61 - 1, 1))  # expect: (4611686018427387903, 65535)
print(add_steps(2**61, 2**61, 1))  # expect: (4611686018427387904, 0)
print(add_steps(-2**61, -2**61, 1))  # expect: (-4611686018427387904, 0)
print(add_steps(-2**61, -2**61 - 1, 1))  # expect: (-4611686018427387905, 65535)


def sub_steps(x, d, k):
    for i in range(k):
        x -= d
    return x


print(sub_steps(-2**62 + 2, 1, 2))  # expect: -4611686018427387904
print(sub_steps(-2**62 + 2, 1, 3))  # expect: -4611686018427387905
print(sub_steps(2**62 - 3, -1, 2))  # expect: 4611686018427387903
print(sub_steps(2**62 - 3, -1, 3))  # expect: 4611686018427387904
print(sub_steps(0, -2**62 + 1, 1))  # expect: 4611686018427387903
print(sub_steps(-1, 2**62 - 1, 1))  # expect: -4611686018427387904
print(sub_steps(-2, 2**62 - 1, 1))  # expect: -4611686018427387905


def diff_of(a, b):
    r = 0
    for _ in range(1):
        r = a - b
    return r


print(diff_of(2**62 - 1, -2**62))  # expect: 9223372036854775807
print(diff_of(-2**62, 2**62 - 1))  # expect: -9223372036854775807
print(diff_of(-2**62, -2**62))  # expect: 0
