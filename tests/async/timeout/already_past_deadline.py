# A deadline already in the past fires at the first await of the block.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            print("body starts")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("TimeoutError")


asyncio.run(main())
# expect: body starts
# expect: TimeoutError
