# set_exception: exception() returns it, result() raises it.
from concurrent.futures import Future

f = Future()
f.set_exception(ValueError("broken"))
print(f.done())               # expect: True
print(repr(f.exception()))    # expect: ValueError('broken')
try:
    f.result()
except ValueError as e:
    print("raised", e)        # expect: raised broken
