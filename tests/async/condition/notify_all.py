import asyncio


async def waiter(name, cond):
    async with cond:
        await cond.wait()
        print(name, "notified, holds lock:", cond.locked())


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(n, cond)) for n in ["a", "b", "c"]]
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify_all()
        print("notified all")
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: notified all
# expect: a notified, holds lock: True
# expect: b notified, holds lock: True
# expect: c notified, holds lock: True
