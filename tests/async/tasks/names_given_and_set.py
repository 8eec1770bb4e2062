import asyncio


async def child():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    t = asyncio.create_task(child(), name="fetcher")
    print(t.get_name())
    t.set_name("renamed")
    print(t.get_name())
    print(await t)
    t.set_name(42)
    print(repr(t.get_name()))


asyncio.run(main())
# expect: fetcher
# expect: renamed
# expect: renamed
# expect: '42'
