# cancel() on a pending future succeeds; result() then raises CancelledError.
from concurrent.futures import CancelledError, Future

f = Future()
print(f.cancel())                  # expect: True
print(f.cancelled(), f.done())     # expect: True True
print(f.cancel())                  # expect: True
try:
    f.result()
except CancelledError as e:
    print("CancelledError", repr(e))   # expect: CancelledError CancelledError()
print(issubclass(CancelledError, Exception))   # expect: True
