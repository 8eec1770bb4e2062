def g():
    try:
        [][1]
    except IndexError:
        print("logging")
        raise
try:
    g()
except IndexError as e:
    print("caught", e)
# expect: logging
# expect: caught list index out of range
