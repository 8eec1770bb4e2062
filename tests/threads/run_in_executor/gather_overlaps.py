# Blocking calls in the executor overlap: three 0.3 s sleeps take ~0.3 s.
import asyncio
import time

async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    await asyncio.gather(*(loop.run_in_executor(None, time.sleep, 0.3) for _ in range(3)))
    print(0.28 < time.perf_counter() - start < 0.7)   # expect: True

asyncio.run(main())
