# continue inside a kernel goes on with the next value of the loop.
def odd_sum(n):
    s = 0
    skipped = 0
    for i in range(n):
        if i % 2 == 0:
            skipped += 1
            continue
        s += i
    return s, skipped, i


print(odd_sum(11))  # expect: (25, 6, 10)
print(odd_sum(1))  # expect: (0, 1, 0)


def while_continue(n):
    i = 0
    s = 0
    while i < n:
        i += 1
        if i % 3:
            continue
        s = s * 2 + i
    return i, s


print(while_continue(10))  # expect: (10, 33)
print(while_continue(200))  # expect: (200, 442721857769029238580)
