# Awaiting a coroutine runs it in the current task, like a call: nothing else
# gets a turn unless the coroutine itself suspends.
import asyncio


async def other():
    print("other task")


async def child(n):
    print("child", n)
    return n * 10


async def main():
    asyncio.create_task(other())
    a = await child(1)
    b = await child(2)
    print("main", a + b)
    await asyncio.sleep(0)
    print("main again")


asyncio.run(main())
# expect: child 1
# expect: child 2
# expect: main 30
# expect: other task
# expect: main again
