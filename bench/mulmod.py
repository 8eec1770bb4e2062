# 10M steps of a multiply-add-modulo recurrence: inline int arithmetic.
import time  # bench: timer


def main():
    x = 1
    for i in range(10_000_000):
        x = (x * 31 + i) % 1000003
    return x


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("mulmod", f"{t1 - t0:.6f}", checksum)
