# A thread blocked in get() wakes when another thread puts.
import queue
import threading
import time

q = queue.Queue()
out = []

def consumer():
    out.append(q.get())

t = threading.Thread(target=consumer)
t.start()
time.sleep(0.1)
out.append("before put")
q.put("item")
t.join()
print(out)   # expect: ['before put', 'item']
