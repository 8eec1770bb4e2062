# Semaphore(2): at most two threads inside at any time.
import threading
import time

sem = threading.Semaphore(2)
lock = threading.Lock()
inside = 0
peak = 0

def worker():
    global inside, peak
    with sem:
        with lock:
            inside += 1
            peak = max(peak, inside)
        time.sleep(0.05)
        with lock:
            inside -= 1

threads = [threading.Thread(target=worker) for _ in range(6)]
start = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
print(peak)                    # expect: 2
print(0.14 < elapsed < 0.8)    # expect: True
