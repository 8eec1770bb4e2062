# Unbounded recursion through `await` raises RecursionError as well.
import asyncio


async def down(n):
    return await down(n + 1)


async def main():
    t = asyncio.create_task(down(0))
    try:
        await t
    except RecursionError:
        print("RecursionError from awaited task")
    print(t.done(), type(t.exception()).__name__)


asyncio.run(main())
# expect: RecursionError from awaited task
# expect: True RecursionError
