# Three time.sleep(0.3) calls one after another take about 0.9 s.
import time

start = time.perf_counter()
for _ in range(3):
    time.sleep(0.3)
elapsed = time.perf_counter() - start
print(0.85 < elapsed < 1.5)  # expect: True
