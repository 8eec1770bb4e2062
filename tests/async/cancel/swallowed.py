# A task that catches CancelledError and returns normally is not cancelled.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("ignoring cancel")
    await asyncio.sleep(0.01)
    return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print(t.cancel())
    print(await t)
    print(t.cancelled(), t.cancelling())


asyncio.run(main())
# expect: True
# expect: ignoring cancel
# expect: finished anyway
# expect: False 1
