# A child may cancel the main task; asyncio.run then raises CancelledError.
import asyncio


async def child(target):
    await asyncio.sleep(0.01)
    target.cancel()


async def main():
    asyncio.create_task(child(asyncio.current_task()))
    try:
        await asyncio.sleep(1)
    finally:
        print("main finally")


try:
    asyncio.run(main())
except asyncio.CancelledError:
    print("asyncio.run raised CancelledError")
# expect: main finally
# expect: asyncio.run raised CancelledError
