import asyncio


async def waiter(name, cond, log):
    async with cond:
        await cond.wait()
        log.append(name)


async def main():
    cond = asyncio.Condition()
    log = []
    tasks = [asyncio.create_task(waiter(n, cond, log)) for n in "abcd"]
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0.05)
    print(log)
    async with cond:
        cond.notify(5)
    await asyncio.gather(*tasks)
    print(log)


asyncio.run(main())
# expect: ['a', 'b']
# expect: ['a', 'b', 'c', 'd']
