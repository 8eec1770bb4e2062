# put(timeout) on a full queue waits the timeout, then raises queue.Full.
import queue
import time

q = queue.Queue(1)
q.put("x")
start = time.perf_counter()
try:
    q.put("y", timeout=0.15)
except queue.Full:
    print("Full")                                 # expect: Full
print(0.14 < time.perf_counter() - start < 0.6)   # expect: True
