# close() on a delegating generator closes the sub-generator first.
def inner():
    try:
        yield 1
        yield 2
    finally:
        print("inner finally")

def outer():
    try:
        yield from inner()
        yield "outer's own"
    finally:
        print("outer finally")

g = outer()
print(next(g))  # expect: 1
g.close()
# expect: inner finally
# expect: outer finally
print(next(g, "closed"))  # expect: closed

# The sub-generator sees GeneratorExit.
def watcher():
    try:
        yield "w"
    except GeneratorExit:
        print("watcher got GeneratorExit")
        raise

def delegator():
    try:
        yield from watcher()
    except GeneratorExit:
        print("delegator got GeneratorExit")
        raise

g = delegator()
next(g)
g.close()
# expect: watcher got GeneratorExit
# expect: delegator got GeneratorExit

# Three levels deep: finally blocks run innermost first.
def level(n):
    try:
        if n == 0:
            yield "deep"
        else:
            yield from level(n - 1)
    finally:
        print("finally level", n)

g = level(2)
print(next(g))  # expect: deep
g.close()
# expect: finally level 0
# expect: finally level 1
# expect: finally level 2

# Exhausting a delegating generator also runs them in that order.
print(list(level(1)))
# expect: finally level 0
# expect: finally level 1
# expect: ['deep']
