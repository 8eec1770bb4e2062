# throw() into a finished generator just raises the exception.
def gen():
    yield 1

g = gen()
print(list(g))  # expect: [1]
try:
    g.throw(KeyError("after end"))
except KeyError as e:
    print("KeyError", e)  # expect: KeyError 'after end'
# An exception type works too.
try:
    g.throw(RuntimeError)
except RuntimeError as e:
    print("RuntimeError", repr(e))  # expect: RuntimeError RuntimeError()
# The generator stays finished.
print(next(g, "done"))  # expect: done

# throw into a generator whose body raised.
def bad():
    yield 1
    raise ValueError("inside")
g = bad()
next(g)
try:
    next(g)
except ValueError as e:
    print("first:", e)  # expect: first: inside
try:
    g.throw(OSError("again"))
except OSError as e:
    print("then:", e)  # expect: then: again

# finally blocks run when a thrown exception leaves the generator.
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("finally in guarded")
g = guarded()
next(g)
try:
    g.throw(ZeroDivisionError("zd"))
except ZeroDivisionError as e:
    print("caller got", e)
# expect: finally in guarded
# expect: caller got zd
