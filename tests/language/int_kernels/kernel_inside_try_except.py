# Kernels inside try/except/else/finally blocks and handlers.
def in_try(n, d):
    s = 0
    try:
        for i in range(n):
            s += 100 // d
            d -= 1
    except ZeroDivisionError:
        s = -s
    else:
        s += 1
    finally:
        s *= 10
    return s, d


print(in_try(3, 5))  # expect: (790, 2)
print(in_try(6, 3))  # expect: (-1830, 0)


def in_handler(n):
    try:
        raise ValueError(n)
    except ValueError as e:
        s = 0
        for i in range(n):
            s = s * 7 + i
        return s, str(e)


print(in_handler(5), in_handler(30))  # expect: (466, '5') (626092785852562724662863, '30')


def in_finally(n):
    s = 1
    try:
        return s
    finally:
        for i in range(n):
            s = s * 3
        print("finally", s)


# expect: finally 81
# expect: finally 2954312706550833698643
print(in_finally(4), in_finally(45))  # expect: 1 1


def reraise(n):
    s = 0
    try:
        for i in range(n, -1, -1):
            s += 10 // i
    finally:
        print("cleanup", s, i)
    return s


try:
    reraise(4)  # expect: cleanup 20 0
except ZeroDivisionError as e:
    print(type(e).__name__)  # expect: ZeroDivisionError
