# A task (unlike a bare coroutine) can be awaited any number of times.
import asyncio


async def compute():
    await asyncio.sleep(0)
    return 7


async def main():
    t = asyncio.create_task(compute())
    print(await t, await t)
    print(await t + await t)


asyncio.run(main())
# expect: 7 7
# expect: 14
