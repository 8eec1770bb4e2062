# Yields inside try, except, else and finally blocks.
def yield_in_finally():
    try:
        yield "body"
    finally:
        yield "cleanup"
print(list(yield_in_finally()))  # expect: ['body', 'cleanup']

def with_else(fail):
    try:
        yield "try"
        if fail:
            raise KeyError("k")
    except KeyError:
        yield "except"
    else:
        yield "else"
    finally:
        yield "finally"
print(list(with_else(False)))  # expect: ['try', 'else', 'finally']
print(list(with_else(True)))  # expect: ['try', 'except', 'finally']

# A yield inside an except block still sees the exception being handled.
import sys
def in_except():
    try:
        raise ValueError("handled")
    except ValueError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]
    yield sys.exc_info()[1]
g = in_except()
print(repr(next(g)))  # expect: ValueError('handled')
print(repr(next(g)))  # expect: ValueError('handled')
print(repr(next(g)))  # expect: None

# The generator's exception state does not leak into the caller.
g = in_except()
next(g)
print(sys.exc_info()[1])  # expect: None
