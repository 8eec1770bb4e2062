# The GIL lets only one thread compute at a time: while four CPU-bound
# threads run, the process uses no more CPU time than wall time (a parallel
# run on two cores would use about twice as much).  A busy machine only
# lowers the ratio, so the check is stable.
import threading
import time

def spin(n):
    x = 0
    for i in range(n):
        x += i & 7
    return x

# calibrate: about 0.05 s per call
n = 1000
while True:
    t0 = time.perf_counter()
    spin(n)
    dt = time.perf_counter() - t0
    if dt >= 0.01:
        break
    n *= 2
n = int(n * 0.05 / dt)

results = [None] * 4
def worker(k):
    results[k] = spin(n)

threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
wall0 = time.perf_counter()
cpu0 = time.process_time()
for t in threads:
    t.start()
for t in threads:
    t.join()
cpu = time.process_time() - cpu0
wall = time.perf_counter() - wall0
print(len(set(results)))    # expect: 1
print(cpu <= 1.2 * wall)    # expect: True
