# Callbacks from call_soon and task steps share one FIFO ready queue.
import asyncio


async def task(name):
    print("task", name)
    await asyncio.sleep(0)
    print("task", name, "again")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback 1")
    asyncio.create_task(task("t"))
    loop.call_soon(print, "callback 2")
    await asyncio.sleep(0)
    print("main")
    await asyncio.sleep(0)


asyncio.run(main())
# expect: callback 1
# expect: task t
# expect: callback 2
# expect: main
# expect: task t again
