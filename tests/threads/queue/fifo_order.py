# queue.Queue is first in, first out.
import queue

q = queue.Queue()
for x in ("a", "b", "c"):
    q.put(x)
print(q.qsize(), q.empty())            # expect: 3 False
print([q.get() for _ in range(3)])     # expect: ['a', 'b', 'c']
print(q.qsize(), q.empty())            # expect: 0 True
