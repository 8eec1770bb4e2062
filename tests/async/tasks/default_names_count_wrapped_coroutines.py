# gather wraps each bare coroutine in a task of its own, and those tasks take
# numbers from the same Task-N counter.
import asyncio


async def name():
    return asyncio.current_task().get_name()


async def main():
    print(await asyncio.gather(name(), name()))
    t = asyncio.create_task(name())
    print(await t)


asyncio.run(main())
# expect: ['Task-2', 'Task-3']
# expect: Task-4
