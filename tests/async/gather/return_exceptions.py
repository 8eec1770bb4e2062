import asyncio


async def ok(x):
    await asyncio.sleep(0.01)
    return x


async def bad(msg):
    await asyncio.sleep(0.02)
    raise ValueError(msg)


async def main():
    results = await asyncio.gather(ok(1), bad("first"), ok(3), bad("second"),
                                   return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)


asyncio.run(main())
# expect: int 1
# expect: ValueError first
# expect: int 3
# expect: ValueError second
