import asyncio


async def fails():
    raise RuntimeError("oops")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
    except Exception as e:
        print(type(e).__name__, isinstance(e, ExceptionGroup))
        print(e.exceptions[0])


asyncio.run(main())
# expect: ExceptionGroup True
# expect: oops
