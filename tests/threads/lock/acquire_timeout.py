# acquire(timeout=...) on a held lock gives up after the timeout.
import threading
import time

lock = threading.Lock()
lock.acquire()
start = time.perf_counter()
got = lock.acquire(timeout=0.15)
waited = time.perf_counter() - start
print(got)                      # expect: False
print(0.14 < waited < 0.5)      # expect: True
