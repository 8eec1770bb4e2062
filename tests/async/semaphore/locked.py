import asyncio


async def main():
    sem = asyncio.Semaphore(2)
    print(sem.locked())
    await sem.acquire()
    print(sem.locked())
    await sem.acquire()
    print(sem.locked())
    sem.release()
    print(sem.locked())
    print(asyncio.Semaphore(0).locked())


asyncio.run(main())
# expect: False
# expect: False
# expect: True
# expect: False
# expect: True
