# spawn: 100,000 tasks that each await asyncio.sleep(0) once, gathered.
# Measures task creation, one suspension and one resumption per task, and
# gather's bookkeeping.  The checksum is the sum of the tasks' results.
import asyncio
import time  # bench: timer

N = 100000


async def worker(i):
    await asyncio.sleep(0)
    return i


async def main():
    tasks = []
    for i in range(N):
        tasks.append(asyncio.create_task(worker(i)))
    results = await asyncio.gather(*tasks)
    total = 0
    for r in results:
        total += r
    return len(results), total


t0 = time.perf_counter()  # bench: timer
count, total = asyncio.run(main())
t1 = time.perf_counter()  # bench: timer
print("spawn", f"{t1 - t0:.6f}", count, total)
