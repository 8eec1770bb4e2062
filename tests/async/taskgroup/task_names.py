import asyncio


async def main():
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(asyncio.sleep(0), name="in-group")
        print(t.get_name())


asyncio.run(main())
# expect: in-group
