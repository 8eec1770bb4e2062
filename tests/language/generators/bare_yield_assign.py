# `x = yield` (a bare yield) produces None and receives the sent value.
def collector():
    items = []
    while True:
        item = yield
        if item is None:
            break
        items.append(item)
    return items

g = collector()
print(next(g))  # expect: None
g.send("a")
g.send("b")
g.send("c")
try:
    g.send(None)
except StopIteration as e:
    print("collected", e.value)  # expect: collected ['a', 'b', 'c']

# A bare `yield` statement yields None.
def nones():
    yield
    yield
print(list(nones()))  # expect: [None, None]

# yield inside an expression.
def adder():
    total = 0
    while True:
        total += (yield total)

a = adder()
print(next(a))  # expect: 0
print(a.send(3))  # expect: 3
print(a.send(4))  # expect: 7
# yield on the right of a call argument.
def printer():
    while True:
        print("value:", (yield))
p = printer()
next(p)
p.send(42)  # expect: value: 42
