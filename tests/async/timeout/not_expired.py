import asyncio


async def main():
    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.01)
        print("finished in time")
    print("expired:", cm.expired())


asyncio.run(main())
# expect: finished in time
# expect: expired: False
