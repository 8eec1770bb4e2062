# An RLock can be acquired again by the thread that holds it; it is free only
# after as many releases.
import threading

r = threading.RLock()
print(r.acquire(), r.acquire())   # expect: True True
with r:
    with r:
        pass
r.release()
other = []
t = threading.Thread(target=lambda: other.append(r.acquire(timeout=0.05)))
t.start()
t.join()
print(other)   # expect: [False]
r.release()
t = threading.Thread(target=lambda: other.append(r.acquire(timeout=0.05)))
t.start()
t.join()
print(other)   # expect: [False, True]
