# result(timeout) on a pending future raises TimeoutError (the builtin one
# since Python 3.11); so does exception(timeout).
import time
from concurrent.futures import Future
import concurrent.futures

f = Future()
start = time.perf_counter()
try:
    f.result(timeout=0.1)
except TimeoutError:
    print("result timed out")        # expect: result timed out
print(time.perf_counter() - start > 0.09)   # expect: True
try:
    f.exception(timeout=0.05)
except concurrent.futures.TimeoutError:
    print("exception timed out")     # expect: exception timed out
print(concurrent.futures.TimeoutError is TimeoutError)   # expect: True
