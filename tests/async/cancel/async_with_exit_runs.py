import asyncio


class Resource:
    async def __aenter__(self):
        print("acquire")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("release, exc:", exc_type.__name__)
        await asyncio.sleep(0)
        print("released")
        return False


async def worker():
    async with Resource():
        await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())
# expect: acquire
# expect: release, exc: CancelledError
# expect: released
# expect: cancelled
