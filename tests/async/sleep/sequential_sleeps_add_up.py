import asyncio
import time


async def main():
    start = time.monotonic()
    for _ in range(3):
        await asyncio.sleep(0.05)
    print("elapsed >= 0.15:", time.monotonic() - start >= 0.15)


asyncio.run(main())
# expect: elapsed >= 0.15: True
