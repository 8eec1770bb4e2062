# Locals that are already big ints before the loop, mixed with small ones:
# the loop must give python3's exact results, and a big int that shrinks
# back into the small range compares and prints the same.
def shrink(x, n):
    for i in range(n):
        x = x // 1000
    return x, x == 4611686018427387, type(x).__name__


print(shrink(2**62 * 1000 + 7, 1), shrink(2**62, 1), shrink(2**200, 20))  # expect: (4611686018427387904, False, 'int') (4611686018427387, True, 'int') (1, False, 'int')


def mix(big, small, n):
    s = small
    for i in range(n):
        s = s * 3 + i
    return big + s, big - s, big * 0 + s


print(mix(2**64, 5, 10))  # expect: (18446744073709861618, 18446744073709241614, 310002)
print(mix(-2**64, 2**62 - 1, 2))  # expect: (23058430092136939512, -59951918239556042744, 41505174165846491128)


def cancel(n):
    x = 2**62
    y = -2**62
    for i in range(n):
        x, y = x - 1, y + 1
    return x, y, x + y


print(cancel(1), cancel(5))  # expect: (4611686018427387903, -4611686018427387903, 0) (4611686018427387899, -4611686018427387899, 0)


def big_read_only(k, n):
    s = 0
    for i in range(n):
        s = s + k % (i + 2)
    return s


print(big_read_only(2**100 + 1, 10), big_read_only(2**62, 5), big_read_only(2**62 - 1, 5))  # expect: 32 9 10
