# A local captured by an inner function, and a nonlocal, live in cells: the
# loop must update them where the closure sees them.
def captured(n):
    x = 0
    get = lambda: x
    for i in range(n):
        x += i
        if get() != x:
            return "stale"
    return x, get()


print(captured(10))  # expect: (45, 45)


def captured_no_call(n):
    x = 2**62 - 5
    get = lambda: x
    for i in range(n):
        x += 1
    return get()


print(captured_no_call(3), captured_no_call(8))  # expect: 4611686018427387902 4611686018427387907


def with_nonlocal(n):
    x = 1

    def step():
        nonlocal x
        for i in range(n):
            x = x * 3 + i
        return x

    r = step()
    return r, x


print(with_nonlocal(5), with_nonlocal(45))  # expect: (301, 301) (3692890883188542123281, 3692890883188542123281)


def reads_free(n):
    k = 3

    def inner():
        s = 0
        for i in range(n):
            s = s * k + i
        return s

    k = 5
    return inner()


print(reads_free(4), reads_free(40))  # expect: 38 568434188608080148696899404
