# Appends 1M ints to a list, then sums it by iteration and by index.
import time  # bench: timer


def main():
    xs = []
    for i in range(1_000_000):
        xs.append(i * 3)
    total = 0
    for x in xs:
        total += x
    n = len(xs)
    i = 0
    while i < n:
        total -= xs[i] // 3
        i += 1
    return total


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("list_sum", f"{t1 - t0:.6f}", checksum)
