import asyncio


async def main():
    async with asyncio.timeout(0.5):
        try:
            async with asyncio.timeout(0.02):
                await asyncio.sleep(1)
        except TimeoutError:
            print("inner timed out")
        await asyncio.sleep(0.01)
        print("outer body continues")
    print("outer done")


asyncio.run(main())
# expect: inner timed out
# expect: outer body continues
# expect: outer done
