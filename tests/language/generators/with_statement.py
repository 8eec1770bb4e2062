# with-statements around yields: __exit__ runs on exhaustion, error and close.
class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False

def reader(name, n):
    with Resource(name) as r:
        for i in range(n):
            yield f"{r.name}:{i}"

print(list(reader("a", 2)))
# expect: enter a
# expect: exit a None
# expect: ['a:0', 'a:1']

g = reader("b", 5)
print(next(g))
# expect: enter b
# expect: b:0
g.close()  # expect: exit b GeneratorExit
print("closed")  # expect: closed

g = reader("c", 5)
next(g)  # expect: enter c
try:
    g.throw(ValueError("v"))
except ValueError as e:
    print("caller got", e)
# expect: exit c ValueError
# expect: caller got v

# An __exit__ that suppresses the exception lets the generator continue.
class Suppress:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("suppressing", exc_type.__name__)
        return True

def resilient():
    with Suppress():
        yield 1
        yield 2
    yield "after with"
g = resilient()
print(next(g))  # expect: 1
print(g.throw(KeyError))
# expect: suppressing KeyError
# expect: after with

# Suppressing GeneratorExit and finishing is a clean close.
def swallow():
    with Suppress():
        yield 1
g = swallow()
next(g)
print(g.close())
# expect: suppressing GeneratorExit
# expect: None
