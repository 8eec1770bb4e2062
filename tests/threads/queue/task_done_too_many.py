# task_done() more often than items were put is a ValueError.
import queue

q = queue.Queue()
q.put(1)
q.get()
q.task_done()
# expect runtime error: ValueError: task_done() called too many times
q.task_done()
