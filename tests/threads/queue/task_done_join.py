# q.join() returns once task_done() has been called for every item.
import queue
import threading
import time

q = queue.Queue()
done = []
lock = threading.Lock()

def worker():
    while True:
        item = q.get()
        time.sleep(0.02)
        with lock:
            done.append(item)
        q.task_done()

for _ in range(3):
    threading.Thread(target=worker, daemon=True).start()
for i in range(9):
    q.put(i)
q.join()
print(sorted(done))   # expect: [0, 1, 2, 3, 4, 5, 6, 7, 8]
print(q.empty())      # expect: True
