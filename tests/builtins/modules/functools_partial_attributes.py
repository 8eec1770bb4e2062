# func, args and keywords are read-only; a partial of a plain partial is
# flattened into one.
import functools

def f(*a, **k):
    return a, k

p = functools.partial(f, 1, x=2)
print(p.func is f, p.args, p.keywords)   # expect: True (1,) {'x': 2}
q = functools.partial(p, 3, y=4)
print(q.func is f, q.args, q.keywords)   # expect: True (1, 3) {'x': 2, 'y': 4}
print(q())                               # expect: ((1, 3), {'x': 2, 'y': 4})
try:
    p.func = print
except AttributeError as e:
    print(e)   # expect: readonly attribute
p.note = "hi"
print(p.note, p.__dict__)   # expect: hi {'note': 'hi'}
r = functools.partial(p, 5)
print(r.func is p, r.args)  # expect: True (5,)
try:
    p.__name__
except AttributeError as e:
    print(e)   # expect: 'functools.partial' object has no attribute '__name__'
print(type(p).__name__, callable(p))   # expect: partial True
