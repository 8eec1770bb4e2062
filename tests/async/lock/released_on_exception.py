import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        async with lock:
            raise ValueError("inside")
    except ValueError as e:
        print("caught", e)
    print("locked after:", lock.locked())


asyncio.run(main())
# expect: caught inside
# expect: locked after: False
