# send() and throw() on a delegating generator are forwarded to the sub-generator.
def inner():
    total = 0
    while True:
        try:
            value = yield total
        except KeyError as e:
            print("inner caught", e)
            value = 100
        if value is None:
            return total
        total += value

def outer():
    result = yield from inner()
    print("inner returned", result)
    yield "outer after"

g = outer()
print(next(g))  # expect: 0
print(g.send(5))  # expect: 5
print(g.send(7))  # expect: 12
print(g.throw(KeyError("k")))
# expect: inner caught 'k'
# expect: 112
print(g.send(None))
# expect: inner returned 112
# expect: outer after

# An exception the sub-generator does not handle surfaces in the delegating one.
def inner2():
    yield 1
    yield 2

def outer2():
    try:
        yield from inner2()
    except ValueError as e:
        print("outer2 caught", e)
        yield "handled"

g = outer2()
print(next(g))  # expect: 1
print(g.throw(ValueError("bad")))
# expect: outer2 caught bad
# expect: handled

# send() to a delegating generator over a list: the list iterator has no send,
# so a non-None value fails with AttributeError.
def over_list():
    yield from [1, 2]
g = over_list()
next(g)
print(g.send(None))  # expect: 2
g = over_list()
next(g)
try:
    g.send("x")
except AttributeError as e:
    print("AttributeError")  # expect: AttributeError
