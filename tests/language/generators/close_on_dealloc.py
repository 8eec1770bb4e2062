# A suspended generator that is dropped is closed at that moment, so its
# finally block runs then (no reference cycles here: CPython frees it at once).
def gen(name):
    try:
        yield 1
        yield 2
    finally:
        print("finally", name)

g = gen("a")
next(g)
print("before del")  # expect: before del
del g
# expect: finally a
print("after del")  # expect: after del

# Rebinding the only reference drops the old generator.
g = gen("b")
next(g)
g = gen("c")
# expect: finally b
print("rebound")  # expect: rebound
next(g)

# A generator local to a function is dropped when the function returns.
def use_one():
    local = gen("local")
    print("first", next(local))
    print("leaving use_one")
use_one()
# expect: first 1
# expect: leaving use_one
# expect: finally local
print("after use_one")  # expect: after use_one

# Breaking out of a for-loop over a temporary generator drops it after the loop.
for v in gen("loop"):
    print("loop got", v)
    break
# expect: loop got 1
# expect: finally loop
print("after loop")  # expect: after loop

# An unstarted generator that is dropped runs nothing.
u = gen("unstarted")
del u
print("unstarted dropped")  # expect: unstarted dropped

# A finished generator that is dropped runs nothing more.
f = gen("finished")
print(list(f))
# expect: finally finished
# expect: [1, 2]
del f
print("end")  # expect: end
g.close()  # expect: finally c
