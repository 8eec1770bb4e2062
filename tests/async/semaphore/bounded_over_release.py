import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(2)
    async with sem:
        pass
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    await plain.acquire()
    await plain.acquire()
    print("plain semaphore grew to 2, locked:", plain.locked())


asyncio.run(main())
# expect: ValueError: BoundedSemaphore released too many times
# expect: plain semaphore grew to 2, locked: True
