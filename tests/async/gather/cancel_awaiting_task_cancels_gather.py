# Cancelling the task that awaits a gather cancels the gather's children.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    finally:
        print(name, "finally")


async def parent():
    try:
        await asyncio.gather(child("a"), child("b"))
    except asyncio.CancelledError:
        print("parent cancelled")
        raise


async def main():
    t = asyncio.create_task(parent())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main saw the cancellation", t.cancelled())


asyncio.run(main())
# expect: a finally
# expect: b finally
# expect: parent cancelled
# expect: main saw the cancellation True
