# as_completed(timeout) raises TimeoutError naming how many are unfinished.
import time
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(time.sleep, d) for d in (0.0, 0.4, 0.4)]
    got = 0
    try:
        for f in as_completed(fs, timeout=0.15):
            got += 1
    except TimeoutError as e:
        print(got, e)   # expect: 1 2 (of 3) futures unfinished
