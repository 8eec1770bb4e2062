# The generator object: repr, type, iterator protocol and attributes.
def f():
    yield 1

def outer():
    def inner():
        yield 2
    return inner()

class K:
    def method(self):
        yield 3

g = f()
print(repr(g).split(" at ")[0])  # expect: <generator object f
print(str(g).split(" at ")[0])  # expect: <generator object f
print(repr(outer()).split(" at ")[0])  # expect: <generator object outer.<locals>.inner
print(repr(K().method()).split(" at ")[0])  # expect: <generator object K.method
print(repr(x for x in []).split(" at ")[0])  # expect: <generator object <genexpr>
print(repr(g).endswith(">"), " at 0x" in repr(g))  # expect: True True

print(type(g).__name__)  # expect: generator
print(type(x for x in []).__name__)  # expect: generator
print(type(g) is type(outer()))  # expect: True
print(iter(g) is g)  # expect: True
print(g.__iter__() is g)  # expect: True
print(hasattr(g, "send"), hasattr(g, "throw"), hasattr(g, "close"))  # expect: True True True
print(hasattr(g, "__next__"), hasattr(g, "__len__"))  # expect: True False
print(g.__next__())  # expect: 1
print(g.__name__, outer().__name__)  # expect: f inner
print(outer().__qualname__)  # expect: outer.<locals>.inner

# A generator function is an ordinary function; calling it makes a generator.
print(type(f).__name__)  # expect: function
print(callable(f), callable(g))  # expect: True False

# Generators are truthy even when exhausted, and have no len().
print(bool(g), bool(x for x in []))  # expect: True True
try:
    len(f())
except TypeError as e:
    print(e)  # expect: object of type 'generator' has no len()
try:
    f()[0]
except TypeError as e:
    print(e)  # expect: 'generator' object is not subscriptable
# Each call makes a distinct object; equality is identity.
a, b = f(), f()
print(a is b, a == b, a == a)  # expect: False False True
