# yield from over an iterator that is not a generator: throw() and close()
# go to its own throw/close methods when it has them, else the exception
# is raised in the delegating generator.
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 3: raise StopIteration
        return self.n
class ItClose(It):
    def close(self): print("closed")
    def throw(self, e): print("thrown", e); return 99
def g(it):
    yield from it
for cls in (It, ItClose):
    x = g(cls()); print(next(x))
    try:
        print(x.throw(ValueError("v")))
    except ValueError as e:
        print("VE", e)
    x.close()
    x = g(cls()); next(x); x.close(); print("ok")
# expect: 1
# expect: VE v
# expect: ok
# expect: 1
# expect: thrown v
# expect: 99
# expect: closed
# expect: closed
# expect: ok
