# wait(timeout) returns what is done by then, without raising.
import time
from concurrent.futures import ThreadPoolExecutor, wait

with ThreadPoolExecutor(2) as ex:
    fs = [ex.submit(time.sleep, 0.05), ex.submit(time.sleep, 0.4)]
    start = time.perf_counter()
    done, not_done = wait(fs, timeout=0.2)
    print(0.18 < time.perf_counter() - start < 0.35)   # expect: True
    print(fs[0] in done, fs[1] in not_done)            # expect: True True
