# // and % floor toward minus infinity; the remainder takes the divisor's sign.
def table(values, divisors):
    out = []
    for a in values:
        for b in divisors:
            q = r = 0
            for _ in range(1):
                q = a // b
                r = a % b
            out.append((q, r))
    return out


print(table([7, -7, 6, -6, 0], [3, -3]))  # expect: [(2, 1), (-3, -2), (-3, 2), (2, -1), (2, 0), (-2, 0), (-2, 0), (2, 0), (0, 0), (0, 0)]
print(table([1, -1], [1, -1, 2, -2]))  # expect: [(1, 0), (-1, 0), (0, 1), (-1, -1), (-1, 0), (1, 0), (-1, 1), (0, -1)]
print(table([2**62 - 1, -2**62], [3, -3, 7, -7]))  # expect: [(1537228672809129301, 0), (-1537228672809129301, 0), (658812288346769700, 3), (-658812288346769701, -4), (-1537228672809129302, 2), (1537228672809129301, -1), (-658812288346769701, 3), (658812288346769700, -4)]
print(table([2**62 - 1, -2**62 + 1], [2**62 - 1, -2**62, 2**61]))  # expect: [(1, 0), (-1, -1), (1, 2305843009213693951), (-1, 0), (0, -4611686018427387903), (-2, 1)]
print(table([5, -5], [2**62 - 1, -2**62]))  # expect: [(0, 5), (-1, -4611686018427387899), (-1, 4611686018427387898), (0, -5)]


def check_identity(lo, hi):
    bad = 0
    total = 0
    for a in range(lo, hi):
        for b in range(lo, hi):
            if b:
                q = a // b
                r = a % b
                if q * b + r != a or (r < 0 and b > 0) or (r > 0 and b < 0):
                    bad += 1
                total += q * 3 + r
    return bad, total


print(check_identity(-9, 10))  # expect: (0, -348)


def augmented(a, b):
    x = a
    y = a
    for _ in range(1):
        x //= b
        y %= b
    return x, y


print(augmented(-17, 5), augmented(17, -5), augmented(-17, -5))  # expect: (-4, 3) (-4, -3) (3, -2)
