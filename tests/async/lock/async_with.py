import asyncio


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    async with lock:
        print(lock.locked())
    print(lock.locked())


asyncio.run(main())
# expect: False
# expect: True
# expect: False
