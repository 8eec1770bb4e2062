# Generators: a for-loop over a generator function, sum() over a generator
# expression, and a pipeline of three generators with yield from.
import time  # bench: timer


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def chained(n):
    yield from evens(count(n))


def main():
    total = 0
    for x in count(1_000_000):
        total += x
    total += sum(x * 3 for x in range(1_000_000))
    for x in chained(1_000_000):
        total -= x
    return total


t0 = time.perf_counter()  # bench: timer
checksum = main()
t1 = time.perf_counter()  # bench: timer
print("generators", f"{t1 - t0:.6f}", checksum)
