# `while True` and `while 1` kernels leave only by break.
def digits_sum(n):
    s = 0
    while True:
        s += n % 10
        n //= 10
        if not n:
            break
    return s, n


print(digits_sum(2**62 - 1), digits_sum(0), digits_sum(987654321))  # expect: (84, 0) (0, 0) (45, 0)


def first_overflow(x, k):
    steps = 0
    while 1:
        x = x * k
        steps += 1
        if x > 4611686018427387903 or x < -4611686018427387903:
            break
    return steps, x


print(first_overflow(1, 3), first_overflow(1, -5), first_overflow(7, 2))  # expect: (40, 12157665459056928801) (27, -7450580596923828125) (60, 8070450532247928832)
