import asyncio


async def job():
    await asyncio.sleep(0.01)
    return "in time"


async def main():
    print(await asyncio.wait_for(job(), timeout=0.5))
    print(await asyncio.wait_for(job(), None))


asyncio.run(main())
# expect: in time
# expect: in time
