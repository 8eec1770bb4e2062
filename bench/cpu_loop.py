# cpu_loop: a CPU-bound loop whose every iteration crosses a safepoint (the
# loop back-edge's eval-breaker check, which is how another thread gets the
# GIL).  Compare `tide bench/cpu_loop.py` with
# `TIDE_NO_EVAL_BREAKER=1 tide bench/cpu_loop.py` to see what the check costs.
import time


def spin(n):
    total = 0
    i = 0
    while i < n:
        total = (total + i * 7) % 1000003
        i += 1
    return total


t0 = time.perf_counter()  # bench: timer
r = spin(30_000_000)
t1 = time.perf_counter()  # bench: timer
print("cpu_loop", round(t1 - t0, 4), r)
