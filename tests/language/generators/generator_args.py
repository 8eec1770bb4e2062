# Generators with default arguments, *args and **kwargs.
def repeat(value, times=2, sep=None):
    for i in range(times):
        if sep is not None and i > 0:
            yield sep
        yield value

print(list(repeat("a")))  # expect: ['a', 'a']
print(list(repeat("b", 3)))  # expect: ['b', 'b', 'b']
print(list(repeat("c", sep="-", times=3)))  # expect: ['c', '-', 'c', '-', 'c']

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(2))))  # expect: [1, 2, 'a', 'b', 0, 1]
print(list(chain()))  # expect: []

def items(**kwargs):
    for key, value in kwargs.items():
        yield f"{key}={value}"
print(list(items(x=1, y="two")))  # expect: ['x=1', 'y=two']

def everything(a, b=10, *args, key="k", **kwargs):
    yield a
    yield b
    yield args
    yield key
    yield kwargs
print(list(everything(1)))  # expect: [1, 10, (), 'k', {}]
print(list(everything(1, 2, 3, 4, key="K", z=0)))  # expect: [1, 2, (3, 4), 'K', {'z': 0}]

# Arguments are bound when the generator is created, before the body runs.
def body_later(x):
    print("body with", x)
    yield x
g = body_later(x=5)
print("created")  # expect: created
print(next(g))
# expect: body with 5
# expect: 5
# A wrong call fails at once, not at the first next().
try:
    body_later()
except TypeError as e:
    print(e)  # expect: body_later() missing 1 required positional argument: 'x'

# A mutable default is shared between generators, as for functions.
def append_to(item, acc=[]):
    acc.append(item)
    yield list(acc)
print(next(append_to(1)), next(append_to(2)))  # expect: [1] [1, 2]
print(list(repeat(*["z", 2], **{"sep": "+"})))  # expect: ['z', '+', 'z']
