# queue.PriorityQueue returns the smallest entry first.
import queue

q = queue.PriorityQueue()
for item in [(3, "low"), (1, "high"), (2, "mid"), (1, "also high")]:
    q.put(item)
print([q.get() for _ in range(4)])   # expect: [(1, 'also high'), (1, 'high'), (2, 'mid'), (3, 'low')]
