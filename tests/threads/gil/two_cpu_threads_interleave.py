# Two CPU-bound threads both make progress while the other runs: the GIL
# changes hands every switch interval, so neither runs to completion first.
# Each thread spins for 0.3 s and notes when it first and last ran.
import threading
import time

spans = {}

def spin(name):
    first = time.perf_counter()
    end = first + 0.3
    x = 0
    while time.perf_counter() < end:
        x += 1
    spans[name] = (first, time.perf_counter())

a = threading.Thread(target=spin, args=("a",))
b = threading.Thread(target=spin, args=("b",))
a.start()
b.start()
a.join()
b.join()
(a0, a1), (b0, b1) = spans["a"], spans["b"]
# b started well before a finished: the GIL was handed over mid-loop.
print(b0 < a1 - 0.1)   # expect: True
