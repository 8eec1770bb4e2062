# Locals that hold True/False, a float or a big int when the loop starts
# keep python3's types and values: bool arithmetic gives ints, floats stay
# floats, big ints stay exact.
def accumulate(x, n):
    for i in range(n):
        x = x + i
    return x


print(accumulate(True, 4), accumulate(False, 0), accumulate(False, 1))  # expect: 7 False 0
print(accumulate(1.5, 4), accumulate(-0.0, 0), accumulate(-0.0, 1))  # expect: 7.5 -0.0 0.0
print(accumulate(2**70, 4), accumulate(-2**62 - 1, 3))  # expect: 1180591620717411303430 -4611686018427387902


def flags(flag, n):
    for i in range(n):
        flag = flag ^ 1 if i % 2 else flag
    return flag


print(flags(True, 0), flags(True, 1), flags(True, 2), flags(False, 4))  # expect: True True 0 0


def shift_bool(b, n):
    r = 0
    for i in range(n):
        r = b << i
    return r, b


print(shift_bool(True, 5), shift_bool(False, 3))  # expect: (16, True) (0, False)


def divide_float(x, n):
    for i in range(1, n):
        x //= i
        x %= 1000
    return x


print(divide_float(1000.0, 5), divide_float(-7.5, 3), divide_float(1000, 5))  # expect: 0.0 496.0 0


def written_first(n):
    v = 2.5
    t = True
    for i in range(n):
        v = i * 3
        t = i
    return v, t


print(written_first(0), written_first(4))  # expect: (2.5, True) (9, 3)
