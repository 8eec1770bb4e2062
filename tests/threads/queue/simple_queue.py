# queue.SimpleQueue: unbounded FIFO without task tracking.
import queue

q = queue.SimpleQueue()
q.put(1)
q.put_nowait(2)
print(q.qsize(), q.empty())     # expect: 2 False
print(q.get(), q.get_nowait())  # expect: 1 2
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("Empty")              # expect: Empty
print(hasattr(q, "task_done"))  # expect: False
