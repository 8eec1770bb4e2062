import asyncio


async def main():
    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print("TimeoutError")
    print("after")


asyncio.run(main())
# expect: TimeoutError
# expect: after
