# A task that fails does not disturb the other tasks; awaiting it later
# raises its exception.
import asyncio


async def fails():
    await asyncio.sleep(0.01)
    raise RuntimeError("task failed")


async def ticker():
    for i in range(3):
        await asyncio.sleep(0.02)
        print("tick", i)


async def main():
    bad = asyncio.create_task(fails())
    await asyncio.create_task(ticker())
    try:
        await bad
    except RuntimeError as e:
        print("caught:", e)


asyncio.run(main())
# expect: tick 0
# expect: tick 1
# expect: tick 2
# expect: caught: task failed
