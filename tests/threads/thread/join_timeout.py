# join(timeout) returns after the timeout even if the thread still runs;
# is_alive() tells which happened.
import threading
import time

t = threading.Thread(target=time.sleep, args=(0.4,))
t.start()
start = time.perf_counter()
r = t.join(0.1)
waited = time.perf_counter() - start
print(r)                        # expect: None
print(0.09 < waited < 0.3)      # expect: True
print(t.is_alive())             # expect: True
t.join()
print(t.is_alive())             # expect: False
