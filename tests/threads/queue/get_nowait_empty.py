# get_nowait() and get(block=False) on an empty queue raise queue.Empty at
# once; Empty carries no message.
import queue

for q in (queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()):
    try:
        q.get_nowait()
    except queue.Empty as e:
        print(type(q).__name__, repr(e), str(e) == "")
    try:
        q.get(block=False)
    except queue.Empty:
        print("Empty again")
# expect: Queue Empty() True
# expect: Empty again
# expect: LifoQueue Empty() True
# expect: Empty again
# expect: PriorityQueue Empty() True
# expect: Empty again
