import asyncio


async def job():
    return 1


async def main():
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    coro = job()
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print("TypeError:", e)
    print(await coro)


asyncio.run(main())
# expect: ValueError: Set of Tasks/Futures is empty.
# expect: TypeError: Passing coroutines is forbidden, use tasks explicitly.
# expect: 1
