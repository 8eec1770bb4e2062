# wait(timeout) returns False when nobody notifies in time.
import threading
import time

cond = threading.Condition()
with cond:
    start = time.perf_counter()
    r = cond.wait(0.1)
    waited = time.perf_counter() - start
print(r)                     # expect: False
print(0.09 < waited < 0.5)   # expect: True
