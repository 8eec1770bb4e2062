# set_result does not run the future's callbacks at once: they are queued on
# the loop and run after the current task step, before tasks queued later.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback 1", f.result()))
    fut.add_done_callback(lambda f: print("callback 2", f.result()))
    fut.set_result("ok")
    print("after set_result")
    loop.call_soon(print, "call_soon after")
    await asyncio.sleep(0)
    print("main resumed")


asyncio.run(main())
# expect: after set_result
# expect: callback 1 ok
# expect: callback 2 ok
# expect: call_soon after
# expect: main resumed
