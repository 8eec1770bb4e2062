import asyncio


async def main():
    async with asyncio.timeout(None) as cm:
        print(cm.when())
        await asyncio.sleep(0.02)
    print("done", cm.expired())


asyncio.run(main())
# expect: None
# expect: done False
