# Kernels in generator functions, between yields: the locals survive the
# suspension on both sides of the loop.
def gen(n):
    s = 0
    yield s
    for i in range(n):
        s = s * 31 + i
    yield s
    t = 2**62 - 3
    for i in range(n):
        t += i
    yield t, i
    while t > 1000:
        t //= 1000
    yield t


print(list(gen(5)))  # expect: [0, 31810, (4611686018427387911, 4), 4]
print(list(gen(20)))  # expect: [0, 746433920910091424484602890, (4611686018427388091, 19), 4]


def running_sums(chunks):
    total = 0
    for c in chunks:
        for k in range(c):
            total += k
        yield total


print(list(running_sums([3, 10, 0, 2**20])))  # expect: [3, 48, 48, 549755289648]


def genexp_user(n):
    return sum(x for x in gen(n) if isinstance(x, int))


print(genexp_user(8))  # expect: 947656712
