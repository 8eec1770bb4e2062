# Four blocking 0.2 s calls in a pool of four take about 0.2 s in all.
import time
from concurrent.futures import ThreadPoolExecutor

def task(name):
    time.sleep(0.2)
    return name

start = time.perf_counter()
with ThreadPoolExecutor(4) as ex:
    print(list(ex.map(task, "ABCD")))   # expect: ['A', 'B', 'C', 'D']
elapsed = time.perf_counter() - start
print(0.18 < elapsed < 0.5)            # expect: True
