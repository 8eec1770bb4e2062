# create_task schedules the task; it does not run until the creator yields.
import asyncio


async def child():
    print("child runs")


async def main():
    t = asyncio.create_task(child())
    print("created, done:", t.done())
    print("still in main")
    await asyncio.sleep(0)
    print("after yield, done:", t.done())


asyncio.run(main())
# expect: created, done: False
# expect: still in main
# expect: child runs
# expect: after yield, done: True
