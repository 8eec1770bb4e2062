# A timeout with blocking=False, or a negative timeout other than -1, is a
# ValueError.
import threading

lock = threading.Lock()
try:
    lock.acquire(False, 1)
except ValueError as e:
    print(e)    # expect: can't specify a timeout for a non-blocking call
try:
    lock.acquire(timeout=-2)
except ValueError as e:
    print(e)    # expect: timeout value must be positive
print(lock.acquire(timeout=-1))   # expect: True
