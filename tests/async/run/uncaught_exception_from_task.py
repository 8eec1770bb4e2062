import asyncio


async def child():
    await asyncio.sleep(0.01)
    return {}["missing"]


async def main():
    await asyncio.create_task(child())


asyncio.run(main())
# expect runtime error: KeyError: 'missing'
