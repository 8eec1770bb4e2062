import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(0, result=1))
    await t
    print(t.cancel(), t.cancelled(), t.result())


asyncio.run(main())
# expect: False False 1
