import asyncio


async def work(fut):
    fut.set_result("from loop task")
    return "task result"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = loop.create_task(work(fut), name="loop-made")
    print(t.get_name(), isinstance(t, asyncio.Task), isinstance(fut, asyncio.Future))
    print(await t, await fut)


asyncio.run(main())
# expect: loop-made True True
# expect: task result from loop task
