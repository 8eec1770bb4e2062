import asyncio


async def waiter(ev):
    print("waiting")
    print("wait returned", await ev.wait())


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(waiter(ev))
    await asyncio.sleep(0.01)
    print("setting")
    ev.set()
    await t


asyncio.run(main())
# expect: waiting
# expect: setting
# expect: wait returned True
