# The default max_workers is min(32, os.cpu_count() + 4): that many calls run
# at the same time, and no more.
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

expected = min(32, (os.cpu_count() or 1) + 4)
lock = threading.Lock()
running = 0
peak = 0

def task():
    global running, peak
    with lock:
        running += 1
        peak = max(peak, running)
    # Long enough that every worker has started (one per submit) before the
    # first call ends, even on a loaded machine.
    time.sleep(0.3)
    with lock:
        running -= 1

with ThreadPoolExecutor() as ex:
    for _ in range(expected + 3):
        ex.submit(task)
print(peak == expected)   # expect: True
