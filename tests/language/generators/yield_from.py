# yield from delegates to a sub-iterator: generators, lists, ranges, strings.
def inner():
    yield "a"
    yield "b"

def outer():
    yield "start"
    yield from inner()
    yield from [1, 2]
    yield from range(3, 5)
    yield from "xy"
    yield from ()
    yield from (n * 10 for n in range(2))
    yield "end"

print(list(outer()))  # expect: ['start', 'a', 'b', 1, 2, 3, 4, 'x', 'y', 0, 10, 'end']

# The delegating generator is suspended inside the sub-generator.
def counting(n):
    for i in range(n):
        print("inner yields", i)
        yield i
    print("inner done")

def delegating():
    yield from counting(2)
    print("outer resumes")

for v in delegating():
    print("got", v)
# expect: inner yields 0
# expect: got 0
# expect: inner yields 1
# expect: got 1
# expect: inner done
# expect: outer resumes

# yield from a dict iterates its keys; from an iterator continues it.
def keys():
    yield from {"k1": 1, "k2": 2}
print(list(keys()))  # expect: ['k1', 'k2']
it = iter([1, 2, 3, 4])
next(it)
def rest():
    yield from it
print(list(rest()))  # expect: [2, 3, 4]

# Chained delegation.
def level(n):
    if n == 0:
        yield "bottom"
    else:
        yield n
        yield from level(n - 1)
print(list(level(3)))  # expect: [3, 2, 1, 'bottom']
