import asyncio


async def leaf(name, delay):
    await asyncio.sleep(delay)
    print("leaf", name)
    return name


async def branch(name, d1, d2):
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(leaf(name + "1", d1))
        b = tg.create_task(leaf(name + "2", d2))
    print("branch", name, "done")
    return a.result() + b.result()


async def main():
    async with asyncio.TaskGroup() as tg:
        x = tg.create_task(branch("x", 0.02, 0.10))
        y = tg.create_task(branch("y", 0.06, 0.14))
    print(x.result(), y.result())


asyncio.run(main())
# expect: leaf x1
# expect: leaf y1
# expect: leaf x2
# expect: branch x done
# expect: leaf y2
# expect: branch y done
# expect: x1x2 y1y2
