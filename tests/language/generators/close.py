# close() raises GeneratorExit at the suspended yield, running finally blocks.
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("finally runs")

g = gen()
print(next(g))  # expect: 1
print(g.close())
# expect: finally runs
# expect: None
print(next(g, "closed"))  # expect: closed
g.close()  # a second close is a no-op: nothing printed

# close() on an unstarted generator: the body never runs.
def noisy():
    print("body ran")
    try:
        yield 1
    finally:
        print("noisy finally")
g = noisy()
g.close()
print(list(g))  # expect: []

# close() on a finished generator is a no-op.
g = gen()
print(list(g))
# expect: finally runs
# expect: [1, 2]
g.close()
print("no output from close")  # expect: no output from close

# GeneratorExit can be caught; returning afterwards is fine.
def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("caught GeneratorExit")
        return "ignored return value"
g = catcher()
next(g)
print(g.close())
# expect: caught GeneratorExit
# expect: None

# An exception other than GeneratorExit raised while closing propagates.
def raiser():
    try:
        yield 1
    finally:
        raise KeyError("from finally")
g = raiser()
next(g)
try:
    g.close()
except KeyError as e:
    print("close raised", e)  # expect: close raised 'from finally'
