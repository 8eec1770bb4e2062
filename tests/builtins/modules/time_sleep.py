import time
start = time.perf_counter()
time.sleep(0.05)
elapsed = time.perf_counter() - start
print(elapsed >= 0.05, elapsed < 2)  # expect: True True
start = time.monotonic()
time.sleep(0)
time.sleep(1 / 100)
print(time.monotonic() - start >= 0.01)  # expect: True
