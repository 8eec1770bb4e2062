# map(timeout=...) raises TimeoutError while iterating when a result is late;
# the results that were ready are yielded first.
import builtins
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError

def task(d):
    time.sleep(d)
    return d

with ThreadPoolExecutor(2) as ex:
    it = ex.map(task, [0.0, 0.5], timeout=0.2)
    print(next(it))            # expect: 0.0
    try:
        next(it)
    except TimeoutError as e:
        print(type(e).__name__, TimeoutError is builtins.TimeoutError)   # expect: TimeoutError True
