# queue.LifoQueue is last in, first out.
import queue

q = queue.LifoQueue()
for x in (1, 2, 3):
    q.put(x)
print([q.get() for _ in range(3)])   # expect: [3, 2, 1]
