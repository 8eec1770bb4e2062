# time.sleep releases the GIL: three threads sleeping 0.3 s each finish in
# about 0.3 s, not 0.9 s.
import threading
import time

start = time.perf_counter()
threads = [threading.Thread(target=time.sleep, args=(0.3,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
print(0.28 < elapsed < 0.7)  # expect: True
