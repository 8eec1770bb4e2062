# A local read before it is ever assigned raises UnboundLocalError, but only
# when the read actually runs.
def dead_read(n):
    total = 0
    for i in range(n):
        if i > 100:
            total = total + missing
        total += i
    missing = 0
    return total


print(dead_read(10))  # expect: 45


def late_read(n):
    total = 0
    for i in range(n):
        total += i
        if i == 3:
            total = total + missing  # expect runtime error: UnboundLocalError: cannot access local variable 'missing' where it is not associated with a value
    missing = 0
    return total


print(late_read(3))  # expect: 3
print(late_read(5))
