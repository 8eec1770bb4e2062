# 1M inserts into a dict with int keys, 1M lookups, then string keys.
import time  # bench: timer


def main():
    d = {}
    for i in range(1_000_000):
        d[i] = i + 1
    total = 0
    for i in range(1_000_000):
        total += d[i]
    names = {}
    for i in range(100_000):
        names["k" + str(i)] = i
    for i in range(0, 100_000, 7):
        total += names["k" + str(i)]
    return f"{len(d)}:{len(names)}:{total}"


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("dict_ops", f"{t1 - t0:.6f}", checksum)
