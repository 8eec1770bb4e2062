# 10M integer increments of a local inside a function: the tightest loop.
import time  # bench: timer


def main():
    x = 0
    for _ in range(10_000_000):
        x += 1
    return x


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("loop_add", f"{t1 - t0:.6f}", checksum)
