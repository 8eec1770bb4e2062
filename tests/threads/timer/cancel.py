# A cancelled Timer never calls its function; the thread ends promptly.
import threading
import time

out = []
t = threading.Timer(0.3, out.append, args=("fired",))
t.start()
time.sleep(0.05)
start = time.perf_counter()
t.cancel()
t.join()
print(time.perf_counter() - start < 0.2)   # expect: True
print(out)              # expect: []
print(t.is_alive())     # expect: False
