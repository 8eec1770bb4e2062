# result() blocks until another thread sets the result.
import threading
import time
from concurrent.futures import Future

f = Future()
def producer():
    time.sleep(0.1)
    f.set_result("ready")

t = threading.Thread(target=producer)
start = time.perf_counter()
t.start()
print(f.result(timeout=2))                  # expect: ready
print(time.perf_counter() - start > 0.09)   # expect: True
t.join()
