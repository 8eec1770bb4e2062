# shutdown(wait=False) returns at once; the running call still completes and
# the interpreter waits for it at exit.
import time
from concurrent.futures import ThreadPoolExecutor

def slow():
    time.sleep(0.2)
    print("task finished")

ex = ThreadPoolExecutor(1)
f = ex.submit(slow)
time.sleep(0.05)
start = time.perf_counter()
ex.shutdown(wait=False)
print(time.perf_counter() - start < 0.1)   # expect: True
print(f.done())                             # expect: False
print("main ends")                          # expect: main ends
# expect: task finished
