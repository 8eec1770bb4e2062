# Each loop iteration first moves the timers that are due to the back of the
# ready queue, then runs what was queued: a due timer runs after the
# callbacks and task steps queued before the iteration began, and before
# those queued while it runs.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, "timer")
    loop.call_soon(print, "soon 1")
    await asyncio.sleep(0)
    print("main after first yield")
    loop.call_soon(print, "soon 2")
    await asyncio.sleep(0)
    print("main after second yield")


asyncio.run(main())
# expect: soon 1
# expect: main after first yield
# expect: timer
# expect: soon 2
# expect: main after second yield
