# -2**62 // -1 is the one quotient of small ints that is not a small int.
def qr(a, b):
    q = r = 0
    for _ in range(1):
        q = a // b
        r = a % b
    return q, r


print(qr(-2**62, -1))  # expect: (4611686018427387904, 0)
print(qr(-2**62, 1))  # expect: (-4611686018427387904, 0)
print(qr(-2**62 + 1, -1))  # expect: (4611686018427387903, 0)
print(qr(2**62 - 1, -1))  # expect: (-4611686018427387903, 0)
print(qr(-2**62, 2))  # expect: (-2305843009213693952, 0)
print(qr(-2**62, -2))  # expect: (2305843009213693952, 0)
print(qr(-2**62, 2**62 - 1))  # expect: (-2, 4611686018427387902)
print(qr(2**62 - 1, -2**62))  # expect: (-1, -1)
print(qr(-2**62, -2**62))  # expect: (1, 0)


def halve_until(x):
    steps = 0
    while x != 1 and steps < 100:
        x //= -1 if x < 0 else 2
        steps += 1
    return x, steps


print(halve_until(-2**62))  # expect: (1, 63)
