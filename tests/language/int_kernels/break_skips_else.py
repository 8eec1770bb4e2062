# break leaves a kernel with its locals stored, and skips the loop's else.
def first_square_over(limit, n):
    found = -1
    for i in range(n):
        sq = i * i
        if sq > limit:
            found = i
            break
    else:
        found = -100 - i
    return found, sq


print(first_square_over(50, 20))  # expect: (8, 64)
print(first_square_over(500, 20))  # expect: (-119, 361)


def break_after_overflow(x):
    steps = 0
    for i in range(10):
        x = x * 4
        steps += 1
        if x > 2305843009213693952:
            break
    else:
        steps = -steps
    return steps, x


print(break_after_overflow(1))  # expect: (-10, 1048576)
print(break_after_overflow(2**58 + 1))  # expect: (2, 4611686018427387920)
print(break_after_overflow(-1))  # expect: (-10, -1048576)
