import asyncio

running = 0
peak = 0


async def job(i, sem):
    global running, peak
    async with sem:
        running += 1
        peak = max(peak, running)
        print("start", i)
        await asyncio.sleep(0.02)
        running -= 1


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*[job(i, sem) for i in range(5)])
    print("peak", peak, "running", running)


asyncio.run(main())
# expect: start 0
# expect: start 1
# expect: start 2
# expect: start 3
# expect: start 4
# expect: peak 2 running 0
