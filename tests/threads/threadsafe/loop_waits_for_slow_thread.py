# A loop with nothing to do waits for a live thread that will wake it, even
# long after it went idle, instead of reporting a deadlock.
import asyncio
import threading
import time

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def late():
        time.sleep(0.3)
        loop.call_soon_threadsafe(fut.set_result, "late result")

    t = threading.Thread(target=late, daemon=True)
    t.start()
    print(await fut)   # expect: late result
    t.join()

asyncio.run(main())
