# `with lock:` acquires and releases, also when the body raises.
import threading

lock = threading.Lock()
with lock:
    print(lock.locked())   # expect: True
print(lock.locked())       # expect: False
try:
    with lock:
        raise KeyError("x")
except KeyError:
    pass
print(lock.locked())       # expect: False
with lock as value:
    print(value)           # expect: True
