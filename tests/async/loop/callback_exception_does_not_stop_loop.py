# An exception in a plain callback is logged and the loop carries on.
import asyncio


def bad_callback():
    raise ValueError("callback failed")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(bad_callback)
    loop.call_soon(print, "next callback runs")
    await asyncio.sleep(0.01)
    print("main done")


asyncio.run(main())
# expect: next callback runs
# expect: main done
# expect stderr: Exception in callback
# expect stderr: ValueError: callback failed
