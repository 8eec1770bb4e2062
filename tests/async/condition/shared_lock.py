import asyncio


async def main():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    async with lock:
        print(cond.locked())
    async with cond:
        print(lock.locked())
    print(cond.locked(), lock.locked())


asyncio.run(main())
# expect: True
# expect: True
# expect: False False
