# partial fixes leading positional arguments and default keywords; the
# call's keywords override the stored ones.
from functools import partial

def f(a, b, c=0, *rest, **kw):
    return a, b, c, rest, kw

p = partial(f, 1, c=3)
print(p(2))                 # expect: (1, 2, 3, (), {})
print(p(2, c=9, x=1))       # expect: (1, 2, 9, (), {'x': 1})
print(partial(f, 1, 2, 3, 4)(5))   # expect: (1, 2, 3, (4, 5), {})
print(partial(max)([3, 1, 2]))     # expect: 3
print(partial(int, base=2)("101"))  # expect: 5
try:
    partial(f)()
except TypeError as e:
    print(e)   # expect: f() missing 2 required positional arguments: 'a' and 'b'
