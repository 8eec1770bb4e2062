# The main thread waits on an event set by a worker after 0.1 s.
import threading
import time

ev = threading.Event()
t = threading.Thread(target=lambda: (time.sleep(0.1), ev.set()))
start = time.perf_counter()
t.start()
print(ev.wait(2))   # expect: True
print(0.09 < time.perf_counter() - start < 1)   # expect: True
t.join()
