# A thread hands a result to the loop with loop.call_soon_threadsafe; the
# loop, idle and waiting, wakes up promptly.
import asyncio
import threading
import time

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def worker():
        time.sleep(0.1)
        loop.call_soon_threadsafe(fut.set_result, "from thread")

    start = time.perf_counter()
    t = threading.Thread(target=worker)
    t.start()
    print(await fut)                             # expect: from thread
    print(time.perf_counter() - start < 0.5)     # expect: True
    t.join()

asyncio.run(main())
