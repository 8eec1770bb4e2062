# shutdown(wait=True) returns only when every submitted call has finished.
import time
from concurrent.futures import ThreadPoolExecutor

ex = ThreadPoolExecutor(2)
fs = [ex.submit(time.sleep, 0.15) for _ in range(2)]
start = time.perf_counter()
ex.shutdown(wait=True)
print(time.perf_counter() - start > 0.1)   # expect: True
print([f.done() for f in fs])              # expect: [True, True]
