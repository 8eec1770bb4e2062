# Three tasks awaiting asyncio.sleep(0.3) wait together: about 0.3 s.
import asyncio
import time

async def task(name):
    await asyncio.sleep(0.3)
    return name

async def main():
    start = time.perf_counter()
    names = await asyncio.gather(task("A"), task("B"), task("C"))
    elapsed = time.perf_counter() - start
    print(names)                   # expect: ['A', 'B', 'C']
    print(0.28 < elapsed < 0.7)    # expect: True

asyncio.run(main())
