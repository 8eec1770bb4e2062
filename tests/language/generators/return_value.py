# A generator's return value becomes StopIteration.value.
def gen():
    yield 1
    yield 2
    return "done"

g = gen()
print(next(g), next(g))  # expect: 1 2
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)  # expect: value: done
    print("args:", e.args)  # expect: args: ('done',)

# A for-loop discards the return value.
print(list(gen()))  # expect: [1, 2]

# `r = yield from sub` receives it.
def outer():
    r = yield from gen()
    print("sub returned", r)
    yield r.upper()

print(list(outer()))
# expect: sub returned done
# expect: [1, 2, 'DONE']

# A generator that returns before any yield.
def early(flag):
    if flag:
        return 99
    yield "never"

try:
    next(early(True))
except StopIteration as e:
    print("early", e.value)  # expect: early 99
print(list(early(False)))  # expect: ['never']

# Plain `return` gives a StopIteration whose value is None.
def plain():
    yield 1
    return
g = plain()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)  # expect: None ()

# A returned tuple is the value as a whole.
def pair():
    return 1, 2
    yield
try:
    next(pair())
except StopIteration as e:
    print(e.value)  # expect: (1, 2)
