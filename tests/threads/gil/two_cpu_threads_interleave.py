# Two CPU-bound threads both make progress while the other runs: the GIL
# changes hands every switch interval, so neither runs to completion first.
# Each thread spins until the other has been running for 0.1 s (at most
# 3 s): without hand-overs, the second could not start before the first
# had spun its full 3 s.
import threading
import time

started = {}
spans = {}

def spin(name, other):
    first = time.perf_counter()
    started[name] = first
    end = first + 3.0
    x = 0
    while True:
        now = time.perf_counter()
        if now > end:
            break
        o = started.get(other)
        if o is not None and now > max(o, first) + 0.1:
            break
        x += 1
    spans[name] = (first, time.perf_counter())

a = threading.Thread(target=spin, args=("a", "b"))
b = threading.Thread(target=spin, args=("b", "a"))
a.start()
b.start()
a.join()
b.join()
(a0, a1), (b0, b1) = spans["a"], spans["b"]
# b started well before a finished: the GIL was handed over mid-loop.
print(b0 < a1 - 0.05, a0 < b1 - 0.05)   # expect: True True
