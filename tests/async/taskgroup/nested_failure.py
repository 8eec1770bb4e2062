# A failure in an inner group cancels the inner siblings, surfaces as an
# ExceptionGroup in the outer group, which cancels the outer siblings too.
import asyncio


async def fails():
    await asyncio.sleep(0.02)
    raise ValueError("deep")


async def waits(name):
    try:
        await asyncio.sleep(1)
    finally:
        print(name, "stopped")


async def inner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(waits("inner sibling"))
        tg.create_task(fails())


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(waits("outer sibling"))
            tg.create_task(inner())
    except ExceptionGroup as eg:
        inner_group = eg.exceptions[0]
        print(type(inner_group).__name__, inner_group.exceptions)


asyncio.run(main())
# expect: inner sibling stopped
# expect: outer sibling stopped
# expect: ExceptionGroup (ValueError('deep'),)
