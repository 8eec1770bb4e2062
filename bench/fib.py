# Recursive fib(30): 1.6M calls, measures call overhead.
import time  # bench: timer


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    return fib(30)


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("fib", f"{t1 - t0:.6f}", checksum)
