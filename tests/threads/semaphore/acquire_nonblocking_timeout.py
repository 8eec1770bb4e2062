# acquire(False) and acquire(timeout=...) on an exhausted semaphore.
import threading
import time

sem = threading.Semaphore(1)
print(sem.acquire())           # expect: True
print(sem.acquire(False))      # expect: False
start = time.perf_counter()
print(sem.acquire(timeout=0.1))   # expect: False
print(time.perf_counter() - start > 0.09)   # expect: True
sem.release()
print(sem.acquire(timeout=0.1))   # expect: True
