# The contrast: the same blocking call made directly in a coroutine freezes
# the loop, so the ticker gets no turn until it returns.
import asyncio
import time

def blocking():
    time.sleep(0.35)
    return "blocking done"

async def ticker():
    for i in range(100):
        print(f"tick {i}")
        await asyncio.sleep(0.1)

async def main():
    t = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    print(blocking())
    await asyncio.sleep(0.05)
    t.cancel()

asyncio.run(main())
# expect: tick 0
# expect: blocking done
# expect: tick 1
