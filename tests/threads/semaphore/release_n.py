# release(n) wakes n waiters at once (Python 3.9+).
import threading
import time

sem = threading.Semaphore(0)
lock = threading.Lock()
got = []

def worker(i):
    if sem.acquire(timeout=0.5):
        with lock:
            got.append(i)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
time.sleep(0.1)
sem.release(2)
for t in threads:
    t.join()
print(len(got))   # expect: 2
