# wait(timeout) on an event nobody sets returns False after the timeout.
import threading
import time

ev = threading.Event()
start = time.perf_counter()
r = ev.wait(0.15)
waited = time.perf_counter() - start
print(r)                      # expect: False
print(0.14 < waited < 0.5)    # expect: True
