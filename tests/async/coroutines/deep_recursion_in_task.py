# Unbounded recursion inside a task raises RecursionError; it never crashes.
import asyncio


def down(n):
    return down(n + 1) + 1


async def deep():
    try:
        down(0)
    except RecursionError:
        return "RecursionError caught in task"


async def main():
    t = asyncio.create_task(deep())
    print(await t)
    print("loop still runs:", await asyncio.sleep(0, result=True))


asyncio.run(main())
# expect: RecursionError caught in task
# expect: loop still runs: True
