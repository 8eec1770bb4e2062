# Two producers and one consumer; the consumer stops at the sentinels.
import queue
import threading

q = queue.Queue(maxsize=3)
DONE = object()

def producer(tag):
    for i in range(5):
        q.put(f"{tag}{i}")
    q.put(DONE)

got = []
def consumer():
    finished = 0
    while finished < 2:
        item = q.get()
        if item is DONE:
            finished += 1
        else:
            got.append(item)

threads = [threading.Thread(target=producer, args=(t,)) for t in "xy"]
threads.append(threading.Thread(target=consumer))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(got))   # expect: ['x0', 'x1', 'x2', 'x3', 'x4', 'y0', 'y1', 'y2', 'y3', 'y4']
print([x for x in got if x[0] == "x"])   # expect: ['x0', 'x1', 'x2', 'x3', 'x4']
