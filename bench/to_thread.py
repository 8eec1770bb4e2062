# to_thread: N sequential `await asyncio.to_thread(f, i)` round trips
# (sys.argv[1], default 10,000): each hands a call to the loop's default
# executor, a pool thread runs it and completes a concurrent future, the
# loop is woken through its eventfd and the awaiting task resumes.  One
# round trip at a time, so the figure is the latency of the whole path
# (pool wake-up, GIL handovers, loop wake-up), not throughput.  The issue
# "Threads under a real GIL" asks for at least 5x python3.
# The checksum is N and the sum of the results.
import asyncio
import sys
import time  # bench: timer


def f(i):
    return i * 3 + 1


async def main(n):
    total = 0
    for i in range(n):
        total += await asyncio.to_thread(f, i)
    return total


n = 10000
if len(sys.argv) > 1:
    n = int(sys.argv[1])
t0 = time.perf_counter()  # bench: timer
total = asyncio.run(main(n))
t1 = time.perf_counter()  # bench: timer
print("to_thread", f"{t1 - t0:.6f}", n, total)
