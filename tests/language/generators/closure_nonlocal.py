# A generator that reads and writes a nonlocal of its enclosing function.
def make_counter():
    count = 0
    def ticks(n):
        nonlocal count
        for _ in range(n):
            count += 1
            yield count
    def get():
        return count
    return ticks, get

ticks, get = make_counter()
g = ticks(3)
print(get())  # expect: 0
print(next(g), get())  # expect: 1 1
print(list(g), get())  # expect: [2, 3] 3
print(list(ticks(2)), get())  # expect: [4, 5] 5

# The generator sees changes made by the enclosing function while suspended.
def outer():
    label = "first"
    def gen():
        while True:
            yield label
    g = gen()
    print(next(g))
    label = "second"
    print(next(g))
outer()
# expect: first
# expect: second

# A generator reading a global that changes between resumptions.
prefix = ">"
def tagged(items):
    for it in items:
        yield prefix + it
g = tagged(["a", "b"])
print(next(g))  # expect: >a
prefix = "#"
print(next(g))  # expect: #b

# Closures created inside a generator capture the generator's locals.
def makers():
    for i in range(3):
        yield lambda i=i: i * 10
print([f() for f in makers()])  # expect: [0, 10, 20]
def late_binding():
    for i in range(3):
        yield lambda: i
fs = list(late_binding())
print([f() for f in fs])  # expect: [2, 2, 2]
