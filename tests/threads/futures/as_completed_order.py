# as_completed yields futures as they finish, fastest first.
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

def task(name, delay):
    time.sleep(delay)
    return name

with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(task, "slow", 0.3), ex.submit(task, "fast", 0.05),
          ex.submit(task, "mid", 0.15)]
    print([f.result() for f in as_completed(fs)])   # expect: ['fast', 'mid', 'slow']
