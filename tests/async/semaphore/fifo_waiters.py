import asyncio


async def worker(name, sem):
    await sem.acquire()
    print(name, "acquired")


async def main():
    sem = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(worker(n, sem)) for n in ["first", "second", "third"]]
    await asyncio.sleep(0.01)
    for _ in range(3):
        sem.release()
        await asyncio.sleep(0.01)
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: first acquired
# expect: second acquired
# expect: third acquired
