# A thread blocked in put() on a full queue wakes when another thread gets.
import queue
import threading
import time

q = queue.Queue(1)
q.put("first")
out = []

def producer():
    q.put("second")
    out.append("put done")

t = threading.Thread(target=producer)
t.start()
time.sleep(0.1)
out.append(q.get())
t.join()
out.append(q.get())
print(out)   # expect: ['first', 'put done', 'second']
