# shutdown(cancel_futures=True) cancels the calls that have not started; the
# running one completes.
import time
from concurrent.futures import ThreadPoolExecutor

ex = ThreadPoolExecutor(1)
fs = [ex.submit(time.sleep, 0.15) for _ in range(4)]
time.sleep(0.05)
ex.shutdown(wait=True, cancel_futures=True)
print([f.cancelled() for f in fs])   # expect: [False, True, True, True]
print(fs[0].done(), fs[0].result())  # expect: True None
