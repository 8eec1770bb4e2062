import asyncio


async def val(x, delay):
    await asyncio.sleep(delay)
    return x


async def main():
    inner1 = asyncio.gather(val(1, 0.03), val(2, 0.01))
    inner2 = asyncio.gather(val(3, 0.02), val(4, 0))
    print(await asyncio.gather(inner1, inner2, val(5, 0.01)))


asyncio.run(main())
# expect: [[1, 2], [3, 4], 5]
