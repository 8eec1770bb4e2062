# / gives floats and ** may give floats or big ints: such loops keep
# python3's types.
def halves(n):
    x = 1
    for i in range(n):
        x = x / 2
    return x


print(halves(0), halves(3), halves(1100))  # expect: 1 0.125 0.0


def powers(n):
    s = 0
    for i in range(n):
        s += i ** 3
    return s


print(powers(10))  # expect: 2025


def neg_pow(n):
    s = 0
    for i in range(1, n):
        s = s + 2 ** -i
    return s


print(neg_pow(5))  # expect: 0.9375


def big_pow(n):
    r = 0
    for i in range(n):
        r = 3 ** (i * 20)
    return r


print(big_pow(4))  # expect: 42391158275216203514294433201


def mixed(n):
    a = 7
    for i in range(1, n):
        a = a // 2 + a / i
    return a


print(mixed(4))  # expect: 8.333333333333334
