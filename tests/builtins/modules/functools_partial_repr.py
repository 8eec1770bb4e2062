# partial's repr names the function, the arguments and the keywords.
from functools import partial

print(repr(partial(print, 1, "a", sep="-")))   # expect: functools.partial(<built-in function print>, 1, 'a', sep='-')
print(partial(len))                            # expect: functools.partial(<built-in function len>)
