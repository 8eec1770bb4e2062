# A Condition can share a given Lock; holding the lock is holding the
# condition.  Without one it makes an RLock, so it can be re-entered.
import threading

lock = threading.Lock()
cond = threading.Condition(lock)
with lock:
    cond.notify()        # allowed: the lock is held
    print(lock.locked()) # expect: True
print(lock.locked())     # expect: False

c2 = threading.Condition()
with c2:
    with c2:
        c2.notify()
print("reentered")       # expect: reentered
