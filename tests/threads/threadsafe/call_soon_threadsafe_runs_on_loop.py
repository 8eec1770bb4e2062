# Callbacks scheduled from other threads run on the loop's thread, in the
# order they were scheduled.
import asyncio
import threading

async def main():
    loop = asyncio.get_running_loop()
    log = []
    done = asyncio.Event()

    def record(i):
        log.append((i, threading.current_thread().name))
        if i == 2:
            done.set()

    def worker():
        for i in range(3):
            loop.call_soon_threadsafe(record, i)

    threading.Thread(target=worker, name="sender").start()
    await done.wait()
    print(log)   # expect: [(0, 'MainThread'), (1, 'MainThread'), (2, 'MainThread')]

asyncio.run(main())
