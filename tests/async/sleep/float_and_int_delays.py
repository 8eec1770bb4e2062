import asyncio


async def nap(delay, tag):
    await asyncio.sleep(delay)
    return tag


async def main():
    print(await asyncio.gather(nap(0, "int zero"), nap(0.01, "float")))


asyncio.run(main())
# expect: ['int zero', 'float']
