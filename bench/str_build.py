# Builds a 1M-character string with += and then walks it: string append must
# be amortised O(1), as CPython's is when the string has one reference.
import time  # bench: timer


def main():
    s = ""
    for i in range(1_000_000):
        s += str(i % 10)
    total = 0
    for ch in s:
        if ch == "7":
            total += 1
    return f"{len(s)}:{total}"


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("str_build", f"{t1 - t0:.6f}", checksum)
