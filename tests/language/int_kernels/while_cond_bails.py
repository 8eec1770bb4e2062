# An overflow in a while condition hands the loop to the generic code,
# which evaluates that condition again with big ints.
def grow(x, limit):
    n = 0
    while x * x < limit:
        x = x * 2 + 1
        n += 1
    return n, x


print(grow(3, 10**6))  # expect: (8, 1023)
print(grow(3, 2**80))  # expect: (39, 2199023255551)
print(grow(-2**40, 2**100))  # expect: (11, -2251799813683201)


def while_sum(x):
    n = 0
    while n < 10 and x + n > 0:
        n += 1
    return n, x + n


print(while_sum(2**62 - 3))  # expect: (10, 4611686018427387911)
print(while_sum(2**62 - 1), while_sum(-5))  # expect: (10, 4611686018427387913) (0, -5)


def shift_cond(n):
    k = 0
    while 1 << k <= n:
        k += 1
    return k


print(shift_cond(1000), shift_cond(2**62 - 1), shift_cond(2**62 + 1))  # expect: 10 62 63
