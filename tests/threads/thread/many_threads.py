# 100 threads, each appending under a lock: all of them run.
import threading

lock = threading.Lock()
seen = []
def worker(i):
    with lock:
        seen.append(i)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(100)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(seen), sorted(seen) == list(range(100)))   # expect: 100 True
