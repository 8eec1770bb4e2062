# A bail-out followed by break, continue or the end of the loop in the same
# iteration: the generic loop must finish exactly that iteration.
def overflow_then_break(x, n):
    k = 0
    for i in range(n):
        x = x * 8
        k += 1
        if x > 4611686018427387903:
            break
    else:
        k = -1
    return k, x, i


print(overflow_then_break(1, 30))  # expect: (21, 9223372036854775808, 20)
print(overflow_then_break(1, 20))  # expect: (-1, 1152921504606846976, 19)


def overflow_on_last(x, n):
    for i in range(n):
        x = x + 1152921504606846976
    else:
        x = x + 1
    return x, i


print(overflow_on_last(0, 3), overflow_on_last(0, 4))  # expect: (3458764513820540929, 2) (4611686018427387905, 3)


def overflow_then_continue(n):
    s = 0
    big = 0
    for i in range(n):
        t = i << 60
        if t > 4611686018427387903:
            big += t >> 59
            continue
        s += t >> 58
    return s, big


print(overflow_then_continue(6))  # expect: (24, 18)


def while_overflow_then_break(x):
    n = 0
    while True:
        x = x * x + 1
        n += 1
        if x > 1000000000000000000 or x < -1000000000000000000:
            break
    return n, x


print(while_overflow_then_break(2), while_overflow_then_break(-3))  # expect: (6, 44127887745906175987802) (6, 117349858496668297583751115296677)
