import asyncio


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def main():
    t = asyncio.create_task(double(10))
    print(await asyncio.gather(double(1), t, double(3)))
    print(t.done(), t.result())


asyncio.run(main())
# expect: [2, 20, 6]
# expect: True 20
