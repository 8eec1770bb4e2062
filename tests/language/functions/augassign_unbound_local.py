# x op= e on a local that may be unbound: UnboundLocalError before e runs,
# and not once the local is known bound (codegen's definite assignment).
def f(flag):
    if flag:
        x = 1
    x += 2
    return x
print(f(True))  # expect: 3
try:
    f(False)
except UnboundLocalError as e:
    print(e)  # expect: cannot access local variable 'x' where it is not associated with a value
def g():
    s = "a"
    for i in range(3):
        s += str(i)
    print(s)  # expect: a012
    del s
    try:
        s += "z"
    except UnboundLocalError as e:
        print(e)  # expect: cannot access local variable 's' where it is not associated with a value
g()
def h():
    log = []
    def side():
        log.append("e ran")
        return 1
    try:
        y += side()
    except UnboundLocalError:
        print("unbound first, e not run:", log)  # expect: unbound first, e not run: []
    y = 0
h()
