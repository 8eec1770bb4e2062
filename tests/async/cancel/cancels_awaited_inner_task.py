# Cancelling a task that awaits another task cancels the inner task too.
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def outer(box):
    box.append(asyncio.create_task(inner()))
    try:
        await box[0]
    except asyncio.CancelledError:
        print("outer cancelled")
        raise


async def main():
    box = []
    t = asyncio.create_task(outer(box))
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    print(t.cancelled(), box[0].cancelled())


asyncio.run(main())
# expect: inner cancelled
# expect: outer cancelled
# expect: True True
