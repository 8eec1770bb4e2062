import asyncio


async def main():
    try:
        async for x in [1, 2]:
            pass
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
# expect: TypeError: 'async for' requires an object with __aiter__ method, got list
