# A negative timeout is a ValueError.
import queue

q = queue.Queue()
# expect runtime error: ValueError: 'timeout' must be a non-negative number
q.get(timeout=-1)
