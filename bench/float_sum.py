# 5M float operations: the Basel series, printed to 12 decimals.
import time  # bench: timer


def main():
    s = 0.0
    for i in range(1, 5_000_001):
        s += 1.0 / (i * i)
    return f"{s:.12f}"


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("float_sum", f"{t1 - t0:.6f}", checksum)
