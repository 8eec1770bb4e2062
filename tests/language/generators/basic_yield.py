# Calling a generator function returns a generator without running its body.
def gen():
    print("body starts")
    yield 1
    print("after 1")
    yield 2
    print("after 2")

g = gen()
print("created")  # expect: created
print(next(g))
# expect: body starts
# expect: 1
print(next(g))
# expect: after 1
# expect: 2
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
# expect: after 2
# expect: StopIteration None
# An exhausted generator keeps raising StopIteration, without running anything.
try:
    next(g)
except StopIteration:
    print("still exhausted")  # expect: still exhausted
print(next(g, "default"))  # expect: default
print(next(gen(), "unused"))
# expect: body starts
# expect: 1
