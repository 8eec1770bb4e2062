# An exception in the body of `async with TaskGroup()` cancels the children
# and joins the ExceptionGroup.
import asyncio


async def waits():
    try:
        await asyncio.sleep(1)
    finally:
        print("child stopped")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(waits())
            await asyncio.sleep(0.01)
            raise KeyError("body")
    except ExceptionGroup as eg:
        print(eg.exceptions)


asyncio.run(main())
# expect: child stopped
# expect: (KeyError('body'),)
