# partial needs a callable first argument.
from functools import partial

try:
    partial()
except TypeError as e:
    print(e)   # expect: type 'partial' takes at least one argument
try:
    partial(1, 2)
except TypeError as e:
    print(e)   # expect: the first argument must be callable
