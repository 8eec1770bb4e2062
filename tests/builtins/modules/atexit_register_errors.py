# register() needs a callable first argument.
import atexit

try:
    atexit.register()
except TypeError as e:
    print(e)   # expect: register() takes at least 1 argument (0 given)
try:
    atexit.register(42)
except TypeError as e:
    print(e)   # expect: the first argument must be callable
