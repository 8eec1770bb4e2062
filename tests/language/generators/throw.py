# throw() raises an exception at the suspended yield.
def gen():
    while True:
        try:
            yield "normal"
        except ValueError as e:
            print("caught", repr(e))
            yield "recovered"

g = gen()
print(next(g))  # expect: normal
print(g.throw(ValueError("x")))
# expect: caught ValueError('x')
# expect: recovered
print(next(g))  # expect: normal

# throw(ExcType) instantiates the class.
print(g.throw(ValueError))
# expect: caught ValueError()
# expect: recovered

# A generator may handle the exception and then finish: throw raises StopIteration.
def once():
    try:
        yield 1
    except KeyError:
        print("KeyError handled")
    return "ret"

g = once()
next(g)
try:
    g.throw(KeyError("k"))
except StopIteration as e:
    print("stopped with", e.value)
# expect: KeyError handled
# expect: stopped with ret

# An exception not caught by the generator comes out of throw().
def other():
    try:
        yield 1
    except ValueError:
        print("not reached")
g = other()
next(g)
try:
    g.throw(TypeError("wrong type"))
except TypeError as e:
    print("propagated", e)  # expect: propagated wrong type
print(next(g, "finished"))  # expect: finished

# throw into a just-created generator raises at once; the body never runs.
def unstarted():
    print("body ran")
    yield 1
g = unstarted()
try:
    g.throw(IndexError("early"))
except IndexError as e:
    print("raised at once:", e)  # expect: raised at once: early
print(list(g))  # expect: []
