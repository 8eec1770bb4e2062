# A generator object keeps its frame alive after the function that made it
# is gone.
def make_squares(n):
    base = [i * i for i in range(n)]
    return (b + 1 for b in base)

g = make_squares(4)
print(list(g))  # expect: [1, 2, 5, 10]

def factory(step):
    def stepper(start):
        value = start
        while True:
            yield value
            value += step
    return stepper

s = factory(5)
g1 = s(0)
g2 = s(100)
del s
del factory
print(next(g1), next(g1), next(g1))  # expect: 0 5 10
print(next(g2), next(g2))  # expect: 100 105

# The generator function itself may be deleted while its generator lives.
def letters():
    yield "a"
    yield "b"
    yield "c"
g = letters()
print(next(g))  # expect: a
del letters
print(list(g))  # expect: ['b', 'c']
print(g.__name__)  # expect: letters

# Generators stored in a data structure, resumed later, interleaved.
def repeated(text):
    return (text * k for k in range(1, 4))
def make_all():
    gens = {}
    for name in ["x", "y"]:
        gens[name] = repeated(name)
    return gens
gens = make_all()
print(next(gens["x"]), next(gens["y"]), next(gens["x"]))  # expect: x y xx
print(list(gens["y"]))  # expect: ['yy', 'yyy']
# A genexpr's element expression reads the enclosing variable when it runs:
# both of these see the loop variable's final value.
def late():
    out = []
    for name in ["p", "q"]:
        out.append(name * k for k in range(1, 3))
    return out
print([list(g) for g in late()])  # expect: [['q', 'qq'], ['q', 'qq']]
