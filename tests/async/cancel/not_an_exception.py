# CancelledError is a BaseException: `except Exception` does not stop it.
import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    except Exception:
        print("not reached")


async def main():
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled through except Exception")


asyncio.run(main())
# expect: True False
# expect: cancelled through except Exception
