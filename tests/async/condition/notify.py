import asyncio


async def consumer(name, cond, items):
    async with cond:
        while not items:
            await cond.wait()
        print(name, "took", items.pop(0))


async def main():
    cond = asyncio.Condition()
    items = []
    tasks = [asyncio.create_task(consumer(n, cond, items)) for n in ["c1", "c2"]]
    await asyncio.sleep(0.01)
    for x in ["x", "y"]:
        async with cond:
            items.append(x)
            cond.notify()
        await asyncio.sleep(0.01)
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: c1 took x
# expect: c2 took y
