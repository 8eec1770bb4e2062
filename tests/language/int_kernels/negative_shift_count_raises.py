# A negative shift count raises python3's ValueError, after the iterations
# before it ran.
def right(x, start):
    total = 0
    n = start
    try:
        for n in range(start, -3, -1):
            total = total * 10 + (x >> n) % 10
    except ValueError as e:
        return str(e), n, total
    return total


print(right(1000, 3))  # expect: ('negative shift count', -1, 5000)
print(right(-1234, 2))  # expect: ('negative shift count', -1, 136)


def left(x, k, stop):
    total = 0
    for n in range(k, stop, -1):
        total += x << n  # expect runtime error: ValueError: negative shift count
    return total


print(left(3, 70, -1))  # expect: 7083549724304467820541
print(left(-3, 10, -1))  # expect: -6141
print(left(3, 5, -3))
