# Rebinding the loop variable inside the body does not change the range's
# next value.
def rebind(n):
    s = 0
    for i in range(n):
        i = i * 10 + 1
        s += i
    return s, i


print(rebind(5))  # expect: (105, 41)
print(rebind(1))  # expect: (1, 1)


def rebind_overflow(n):
    s = 0
    for i in range(n):
        i = i * 2305843009213693952
        s = s + i
    return s, i


print(rebind_overflow(3))  # expect: (6917529027641081856, 4611686018427387904)
print(rebind_overflow(5))  # expect: (23058430092136939520, 9223372036854775808)


def swap_with_target(n):
    j = 100
    for i in range(n):
        i, j = j, i
    return i, j


print(swap_with_target(4))  # expect: (2, 3)
