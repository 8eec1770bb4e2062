# Chained comparisons, and/or and conditional expressions evaluate only the
# operands they need; an operand that would overflow is only computed when
# reached, and the result is python3's either way.
def chain(x, y, n):
    hits = 0
    for i in range(n):
        if 0 < x < y * y < 1000:
            hits += 1
        if i < 0 < y * y:
            hits += 100
        x -= 1
    return hits, x


print(chain(3, 2**40, 6))  # expect: (0, -3)
print(chain(3, 20, 6))  # expect: (3, -3)
print(chain(-1, 2**40, 3))  # expect: (0, -4)


def and_or(a, b, n):
    t = 0
    for i in range(n):
        if a > 0 and a * b > 10 or not b and i:
            t += i
        if (a == 0 or b // a > 1) and b:
            t += 1000
        a -= 1
    return t, a


print(and_or(3, 2**61, 5))  # expect: (4003, -2)
print(and_or(3, 7, 5))  # expect: (4001, -2)
print(and_or(2, 0, 4))  # expect: (6, -2)


def ifexp(x, n):
    s = 0
    for i in range(n):
        s += (x * x if i % 2 else i) if x else -i
        x -= 1099511627776
    return s


print(ifexp(2**40, 3))  # expect: 1
print(ifexp(3 * 2**40, 4))  # expect: 4835703278458516698824703


def compare_all(a, b):
    r = 0
    for _ in range(1):
        r = r * 2 + (1 if a < b else 0)
        r = r * 2 + (1 if a <= b else 0)
        r = r * 2 + (1 if a > b else 0)
        r = r * 2 + (1 if a >= b else 0)
        r = r * 2 + (1 if a == b else 0)
        r = r * 2 + (1 if a != b else 0)
        r = r * 2 + (1 if a < b <= b + 0 > a - 1 else 0)
    return r


print(compare_all(1, 2), compare_all(2, 1), compare_all(-2**62, 2**62 - 1), compare_all(7, 7))  # expect: 99 26 99 44
