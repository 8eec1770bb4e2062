# A waiter cancelled while queued for the lock does not get it; the next one does.
import asyncio


async def worker(name, lock):
    try:
        async with lock:
            print(name, "holds")
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(worker("a", lock))
    b = asyncio.create_task(worker("b", lock))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.gather(a, b, return_exceptions=True)
    print(lock.locked())


asyncio.run(main())
# expect: a cancelled while waiting
# expect: b holds
# expect: False
