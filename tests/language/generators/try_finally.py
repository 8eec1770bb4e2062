# finally blocks around yields run when the generator is exhausted, when it
# raises, and when it is closed.
def exhausted():
    try:
        yield 1
    finally:
        print("finally: exhausted")
print(list(exhausted()))
# expect: finally: exhausted
# expect: [1]

def raises():
    try:
        yield 1
        raise ValueError("inside")
    finally:
        print("finally: raises")
g = raises()
next(g)
try:
    next(g)
except ValueError as e:
    print("caught", e)
# expect: finally: raises
# expect: caught inside

def closed():
    try:
        yield 1
    finally:
        print("finally: closed")
g = closed()
next(g)
g.close()  # expect: finally: closed

# A return inside try runs finally before StopIteration reaches the caller.
def ret():
    try:
        yield 1
        return "r"
    finally:
        print("finally before StopIteration")
g = ret()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value", e.value)
# expect: finally before StopIteration
# expect: value r
