# A recursive call looks its name up at every call: rebinding the global
# while the function runs sends the next call to the new value.
def f(n):
    global f
    if n == 0:
        return "done"
    if n == 2:
        f = other
    return f(n - 1)


def other(n):
    return f"other {n}"


print(f(3))  # expect: other 1


# The callee is looked up before the arguments run: the old function is
# called even though an argument rebinds the name, and it stays alive.
def g(n):
    if n == 0:
        return "g bottom"
    return g(rebind(n))


def rebind(n):
    global g
    g = lambda m: ("lambda", m)
    return n - 1


print(g(3))  # expect: ('lambda', 1)


# Deleting the global makes the next recursive call a NameError.
def h(n):
    global h
    if n == 1:
        del h
    return h(n - 1) if n else 0


try:
    h(3)
except NameError as e:
    print(e)  # expect: name 'h' is not defined
