import asyncio


async def waiter(name, ev):
    await ev.wait()
    print(name, "released")


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ["a", "b", "c"]]
    await asyncio.sleep(0.01)
    ev.set()
    print("set")
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: set
# expect: a released
# expect: b released
# expect: c released
