# Concurrent sleeps overlap: three 0.1 s sleeps take about 0.1 s, not 0.3 s.
import asyncio
import time


async def main():
    start = time.monotonic()
    await asyncio.gather(asyncio.sleep(0.1), asyncio.sleep(0.1), asyncio.sleep(0.1))
    elapsed = time.monotonic() - start
    print("elapsed >= 0.1:", elapsed >= 0.1)
    print("elapsed < 0.25:", elapsed < 0.25)


asyncio.run(main())
# expect: elapsed >= 0.1: True
# expect: elapsed < 0.25: True
