# wait(return_when=FIRST_COMPLETED) returns as soon as one future is done.
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

def task(name, delay):
    time.sleep(delay)
    return name

with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(task, n, d) for n, d in (("a", 0.3), ("b", 0.05), ("c", 0.3))]
    start = time.perf_counter()
    done, not_done = wait(fs, return_when=FIRST_COMPLETED)
    print(time.perf_counter() - start < 0.25)   # expect: True
    print(sorted(f.result() for f in done))     # expect: ['b']
    print(len(not_done))                        # expect: 2
    print(type(done).__name__, type(not_done).__name__)   # expect: set set
