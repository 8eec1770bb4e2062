# map() yields results in the order of its inputs, not in completion order.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

finished = []
lock = threading.Lock()

def task(x):
    time.sleep(0.05 * (4 - x))
    with lock:
        finished.append(x)
    return x * 10

with ThreadPoolExecutor(4) as ex:
    print(list(ex.map(task, [1, 2, 3])))   # expect: [10, 20, 30]
print(finished)                            # expect: [3, 2, 1]
