# A quirk of CPython 3.11: a gather cancelled through gather.cancel() ends
# with CancelledError as its *exception*, so cancelled() is False, while its
# cancelled children report cancelled() True.
import asyncio


async def main():
    child = asyncio.create_task(asyncio.sleep(1))
    g = asyncio.gather(child)
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("CancelledError")
    print(g.done(), g.cancelled(), type(g.exception()).__name__)
    print(child.cancelled())


asyncio.run(main())
# expect: CancelledError
# expect: True False CancelledError
# expect: True
