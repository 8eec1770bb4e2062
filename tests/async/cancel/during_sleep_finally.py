import asyncio


async def worker():
    try:
        print("worker sleeping")
        await asyncio.sleep(1)
        print("not reached")
    finally:
        print("worker finally")


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.02)
    t.cancel()
    print("cancel requested")
    try:
        await t
    except asyncio.CancelledError:
        print("main: task was cancelled")
    print(t.done(), t.cancelled())


asyncio.run(main())
# expect: worker sleeping
# expect: cancel requested
# expect: worker finally
# expect: main: task was cancelled
# expect: True True
