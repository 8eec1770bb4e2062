# Leaving `with ThreadPoolExecutor() as ex:` waits for all submitted calls;
# __enter__ returns the executor itself.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

done = []
lock = threading.Lock()

def task(i):
    time.sleep(0.1)
    with lock:
        done.append(i)

pool = ThreadPoolExecutor(3)
with pool as ex:
    print(ex is pool)   # expect: True
    for i in range(3):
        ex.submit(task, i)
    print(len(done))    # expect: 0
print(sorted(done))     # expect: [0, 1, 2]
