# sleepers: N tasks (sys.argv[1], default 100,000) each sleeping a
# deterministic 0-0.499 s (((i + 1) * 7919 % 500) / 1000), gathered.  All N are
# asleep at once, so bench/run.py runs this at N = 1 and N = 100,000 and
# reports the peak-RSS difference divided by N: memory per sleeping task.
# The checksum is the number of tasks and the sum of their results.
import asyncio
import sys
import time  # bench: timer


async def sleeper(i):
    await asyncio.sleep((i + 1) * 7919 % 500 / 1000)
    return i % 1000


async def main(n):
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(sleeper(i)))
    results = await asyncio.gather(*tasks)
    total = 0
    for r in results:
        total += r
    return len(results), total


n = 100000
if len(sys.argv) > 1:
    n = int(sys.argv[1])
t0 = time.perf_counter()  # bench: timer
count, total = asyncio.run(main(n))
t1 = time.perf_counter()  # bench: timer
print("sleepers", f"{t1 - t0:.6f}", count, total)
