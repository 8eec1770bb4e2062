# A bare concurrent.futures.Future: state methods, set_result, result.
from concurrent.futures import Future

f = Future()
print(f.done(), f.running(), f.cancelled())   # expect: False False False
f.set_result(42)
print(f.done(), f.running(), f.cancelled())   # expect: True False False
print(f.result(), f.exception())              # expect: 42 None
