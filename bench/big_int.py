# Iterative Fibonacci to F(100000): additions of ever larger arbitrary-precision
# ints (up to ~69,000 bits), then two big remainders.  The checksum avoids str()
# of the result: CPython limits int-to-str conversion to 4300 digits.
import time  # bench: timer


def main():
    a = 0
    b = 1
    for _ in range(100_000):
        a, b = b, a + b
    return f"{a % 1000000007}:{a % 998244353}"


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("big_int", f"{t1 - t0:.6f}", checksum)
