# to_thread keeps the loop responsive: a ticker task keeps printing while a
# blocking 0.35 s call runs in a thread.
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
    print(await asyncio.to_thread(blocking))
    t.cancel()

asyncio.run(main())
# expect: tick 0
# expect: tick 1
# expect: tick 2
# expect: tick 3
# expect: blocking done
