# Adding a callback to a task that is already done schedules it on the loop;
# it does not run inside add_done_callback.
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(0, result="r"))
    await t
    t.add_done_callback(lambda task: print("callback", task.result()))
    print("added")
    await asyncio.sleep(0)
    print("after yield")


asyncio.run(main())
# expect: added
# expect: callback r
# expect: after yield
