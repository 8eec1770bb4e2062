# Resuming a generator from inside its own body raises ValueError.
def gen():
    yield 1
    try:
        next(g)
    except ValueError as e:
        print("inner:", e)
    yield 2

g = gen()
print(next(g))  # expect: 1
print(next(g))
# expect: inner: generator already executing
# expect: 2
# The failed attempt did not break the generator.
print(next(g, "end"))  # expect: end

# send() and the uncaught case.
def selfish():
    yield g2.send(None)

g2 = selfish()
try:
    next(g2)
except ValueError as e:
    print("outer:", e)  # expect: outer: generator already executing
# The ValueError propagated out of the body, so the generator is finished.
print(next(g2, "finished"))  # expect: finished

def recursive():
    yield 1
    yield from g3  # expect runtime error: ValueError: generator already executing

g3 = recursive()
print(next(g3))  # expect: 1
next(g3)
