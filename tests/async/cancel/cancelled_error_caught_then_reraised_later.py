# Cleanup code may await after catching CancelledError, then re-raise.
import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cleaning up")
        await asyncio.sleep(0.01)
        print("cleanup done")
        raise


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    t.cancel()
    print("waiting")
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled())


asyncio.run(main())
# expect: waiting
# expect: cleaning up
# expect: cleanup done
# expect: cancelled: True
