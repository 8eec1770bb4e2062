# A child cancelled on its own: gather raises CancelledError, or with
# return_exceptions=True reports a CancelledError object in its place.
import asyncio


async def sleepy():
    await asyncio.sleep(1)


async def quick():
    await asyncio.sleep(0.01)
    return "quick"


async def main():
    t = asyncio.create_task(sleepy())
    g = asyncio.gather(t, quick(), return_exceptions=True)
    await asyncio.sleep(0)
    t.cancel()
    results = await g
    print([type(r).__name__ for r in results], results[1])

    t2 = asyncio.create_task(sleepy())
    g2 = asyncio.gather(t2, quick())
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("gather raised CancelledError")


asyncio.run(main())
# expect: ['CancelledError', 'str'] quick
# expect: gather raised CancelledError
