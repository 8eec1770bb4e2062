# Awaiting an already cancelled future raises at once; its callbacks still
# wait for the loop.
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(lambda f: print("callback sees cancelled:", f.cancelled()))
    print(fut.cancel(), fut.cancelled(), fut.done())
    print(fut.cancel())
    try:
        await fut
    except asyncio.CancelledError:
        print("await raised CancelledError")
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
# expect: True True True
# expect: False
# expect: await raised CancelledError
# expect: callback sees cancelled: True
# expect: end
