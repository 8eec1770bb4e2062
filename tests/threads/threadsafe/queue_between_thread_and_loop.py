# A thread feeds an asyncio.Queue through call_soon_threadsafe; the consumer
# coroutine gets the items in order.
import asyncio
import threading
import time

async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()

    def producer():
        for i in range(5):
            time.sleep(0.02)
            loop.call_soon_threadsafe(q.put_nowait, i)
        loop.call_soon_threadsafe(q.put_nowait, None)

    threading.Thread(target=producer).start()
    got = []
    while (item := await q.get()) is not None:
        got.append(item)
    print(got)   # expect: [0, 1, 2, 3, 4]

asyncio.run(main())
