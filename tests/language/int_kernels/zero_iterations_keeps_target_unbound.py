# A loop with no iterations leaves its target as it was: unbound, or its old
# value, and leaves the body's locals alone.
def empty(n):
    y = 42
    for i in range(n):
        y = i
    try:
        return i, y
    except UnboundLocalError as e:
        return str(e), y


print(empty(0))  # expect: ("cannot access local variable 'i' where it is not associated with a value", 42)
print(empty(-3))  # expect: ("cannot access local variable 'i' where it is not associated with a value", 42)
print(empty(2))  # expect: (1, 1)


def keeps_old(n):
    i = -7
    for i in range(10, n):
        pass
    return i


print(keeps_old(0), keeps_old(12))  # expect: -7 11


def keeps_old_string(n):
    i = "old"
    for i in range(n):
        pass
    return i


print(keeps_old_string(0), keeps_old_string(3))  # expect: old 2


def while_never(n):
    k = 5
    while n > 100:
        k = n
        n -= 1
    return k, n


print(while_never(3), while_never(102))  # expect: (5, 3) (101, 100)
