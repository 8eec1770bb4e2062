# An exception thrown into a generator and not caught there reaches the
# caller of throw() and, uncaught, ends the program with a traceback whose
# innermost frame is the yield where the generator was suspended.
def gen():
    print("start")
    yield 1  # expect runtime error: ValueError: boom
    print("not reached")

g = gen()
print(next(g))
# expect: start
# expect: 1
g.throw(ValueError("boom"))
# expect stderr: Traceback (most recent call last):
# expect stderr: in gen
