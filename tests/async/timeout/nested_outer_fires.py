import asyncio


async def main():
    try:
        async with asyncio.timeout(0.03):
            try:
                async with asyncio.timeout(0.5):
                    await asyncio.sleep(1)
            except TimeoutError:
                print("wrongly caught by inner")
    except TimeoutError:
        print("outer timed out")


asyncio.run(main())
# expect: outer timed out
