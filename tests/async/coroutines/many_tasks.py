# Ten thousand tasks, each suspending once.
import asyncio


async def one(i):
    await asyncio.sleep(0)
    return i


async def main():
    results = await asyncio.gather(*[one(i) for i in range(10000)])
    print(len(results), sum(results), results[:3], results[-1])


asyncio.run(main())
# expect: 10000 49995000 [0, 1, 2] 9999
