# get(timeout) on an empty queue waits the timeout, then raises queue.Empty.
import queue
import time

q = queue.Queue()
start = time.perf_counter()
try:
    q.get(timeout=0.15)
except queue.Empty:
    print("Empty")                                # expect: Empty
print(0.14 < time.perf_counter() - start < 0.6)   # expect: True
