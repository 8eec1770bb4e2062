# The main coroutine of asyncio.run is wrapped in Task-1; later tasks count up.
import asyncio


async def child():
    return asyncio.current_task().get_name()


async def main():
    print(asyncio.current_task().get_name())
    a = asyncio.create_task(child())
    b = asyncio.create_task(child())
    print(a.get_name(), b.get_name())
    print(await a, await b)


asyncio.run(main())
# expect: Task-1
# expect: Task-2 Task-3
# expect: Task-2 Task-3
