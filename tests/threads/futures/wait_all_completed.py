# wait() by default waits for all; the result is a named tuple (done, not_done).
import time
from concurrent.futures import ALL_COMPLETED, ThreadPoolExecutor, wait

with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(time.sleep, d) for d in (0.05, 0.1, 0.15)]
    r = wait(fs)
    print(len(r.done), len(r.not_done))   # expect: 3 0
    print(ALL_COMPLETED)                  # expect: ALL_COMPLETED
