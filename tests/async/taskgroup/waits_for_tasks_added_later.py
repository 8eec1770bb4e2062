# A child may add tasks to the group; the group waits for them as well.
import asyncio


async def spawner(tg):
    await asyncio.sleep(0.01)
    tg.create_task(late())
    print("spawned")


async def late():
    await asyncio.sleep(0.02)
    print("late finished")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner(tg))
    print("group exited")


asyncio.run(main())
# expect: spawned
# expect: late finished
# expect: group exited
