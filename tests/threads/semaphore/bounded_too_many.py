# A BoundedSemaphore refuses to go above its initial value.
import threading

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print(e)   # expect: Semaphore released too many times
s = threading.Semaphore(2)
s.release()    # a plain Semaphore has no bound
print(s.acquire(False), s.acquire(False), s.acquire(False), s.acquire(False))  # expect: True True True False
