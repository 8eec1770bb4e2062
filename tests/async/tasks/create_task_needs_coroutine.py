import asyncio


async def work():
    return 1


async def main():
    try:
        asyncio.create_task(5)
    except TypeError as e:
        print("TypeError:", e)
    print(await asyncio.create_task(work()))


asyncio.run(main())
# expect: TypeError: a coroutine was expected, got 5
# expect: 1
