# After a zero divisor the locals are those of the failing statement: the
# iteration's earlier statements ran once, the later ones not at all.
def run(z):
    x = 0
    y = 0
    i = -1
    try:
        for i in range(10):
            x += 1
            z -= 1
            y = y + 100 % z
            x += 10
    except ZeroDivisionError as e:
        return "caught", i, x, y, z, str(e)
    return "done", i, x, y, z


print(run(4))  # expect: ('caught', 3, 34, 1, 0, 'integer modulo by zero')
print(run(-3))  # expect: ('done', 9, 110, -41, -13)


def run_while(z):
    n = 0
    s = 0
    try:
        while n < 20:
            n += 1
            s += 6000 // (z - n)
    except ZeroDivisionError as e:
        return "caught", n, s, str(e)
    return "done", n, s


print(run_while(6))  # expect: ('caught', 6, 13700, 'integer division or modulo by zero')
print(run_while(100))  # expect: ('done', 20, 1337)


def mod_zero(a, b):
    r = 0
    for _ in range(2):
        r %= b
        r += a
    return r


try:
    mod_zero(5, 0)
except ZeroDivisionError as e:
    print("mod", e)  # expect: mod integer modulo by zero
print(mod_zero(5, 3))  # expect: 7
