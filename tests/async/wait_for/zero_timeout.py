# timeout=0 on work that is not done yet times out immediately.
import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(0.5), timeout=0)
    except TimeoutError:
        print("timed out")
    t = asyncio.create_task(asyncio.sleep(0, result="ready"))
    await asyncio.sleep(0.01)
    print(await asyncio.wait_for(t, timeout=0))


asyncio.run(main())
# expect: timed out
# expect: ready
