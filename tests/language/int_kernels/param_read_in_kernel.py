# Parameters read and written inside a kernel, with small ints, big ints,
# bools and floats as arguments.
def poly(x, a, b, c, n):
    total = 0
    for i in range(n):
        total += a * x * x + b * x + c
        x += 1
    return total, x


print(poly(0, 1, 2, 3, 10))  # expect: (405, 10)
print(poly(-5, 3, -7, 11, 10))  # expect: (400, 5)
print(poly(2**30, 2**3, 1, 0, 3))  # expect: (27670116165325160491, 1073741827)
print(poly(2**31, 1, 1, 1, 2))  # expect: (9223372045444710404, 2147483650)
print(poly(2**80, 1, 0, 0, 2))  # expect: (2923003274661805836407372083284205268570214498305, 1208925819614629174706178)
print(poly(True, True, False, True, 3))  # expect: (17, 4)
print(poly(0.5, 1, 1, 1, 2))  # expect: (6.5, 2.5)


def lcg(seed, n, m=2**31 - 1):
    for _ in range(n):
        seed = (seed * 48271) % m
    return seed


print(lcg(1, 10000), lcg(42, 1), lcg(2**62 - 1, 3))  # expect: 399268537 2027382 0
print(lcg(1, 5, 2**64), lcg(7, 3, -97))  # expect: 5658345302815941839 -7
