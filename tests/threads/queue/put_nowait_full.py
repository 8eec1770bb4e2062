# A bounded queue raises queue.Full on put_nowait when full.
import queue

q = queue.Queue(maxsize=2)
q.put(1)
q.put_nowait(2)
print(q.full(), q.maxsize)   # expect: True 2
try:
    q.put_nowait(3)
except queue.Full as e:
    print(repr(e))           # expect: Full()
print(q.qsize())             # expect: 2
