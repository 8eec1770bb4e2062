# One set() releases every thread waiting on the event.
import threading
import time

ev = threading.Event()
lock = threading.Lock()
released = []

def waiter(i):
    r = ev.wait(2)
    with lock:
        released.append((i, r))

threads = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
time.sleep(0.1)
start = time.perf_counter()
ev.set()
for t in threads:
    t.join()
print(sorted(released))   # expect: [(0, True), (1, True), (2, True), (3, True), (4, True)]
print(time.perf_counter() - start < 0.5)   # expect: True
