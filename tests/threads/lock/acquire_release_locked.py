# Lock basics: acquire() returns True, locked() reports the state.
import threading

lock = threading.Lock()
print(lock.locked())          # expect: False
print(lock.acquire())         # expect: True
print(lock.locked())          # expect: True
print(lock.acquire(False))    # expect: False
print(lock.acquire(blocking=False))   # expect: False
lock.release()
print(lock.locked())          # expect: False
