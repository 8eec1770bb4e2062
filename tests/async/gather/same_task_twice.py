import asyncio


async def once():
    print("runs once")
    await asyncio.sleep(0)
    return "r"


async def main():
    t = asyncio.create_task(once())
    print(await asyncio.gather(t, t, t))


asyncio.run(main())
# expect: runs once
# expect: ['r', 'r', 'r']
