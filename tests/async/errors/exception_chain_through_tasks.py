# An exception travels from a task, through the awaiting task, to main.
import asyncio


async def level3():
    await asyncio.sleep(0)
    raise ZeroDivisionError("at level 3")


async def level2():
    return await asyncio.create_task(level3())


async def main():
    try:
        await asyncio.create_task(level2())
    except ZeroDivisionError as e:
        print("main caught:", e)


asyncio.run(main())
# expect: main caught: at level 3
