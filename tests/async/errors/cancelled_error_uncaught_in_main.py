# Awaiting a cancelled task without handling it cancels main in turn.
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t.cancel()
    await t


asyncio.run(main())
# expect runtime error: asyncio.exceptions.CancelledError
