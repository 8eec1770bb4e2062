# A get() cancelled by a timeout takes nothing out of the queue.
import asyncio


async def main():
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), timeout=0.02)
    except TimeoutError:
        print("get timed out")
    q.put_nowait("kept")
    print(q.qsize(), await q.get())


asyncio.run(main())
# expect: get timed out
# expect: 1 kept
