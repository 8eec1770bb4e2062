# Waiters acquire the lock in the order they asked for it.
import asyncio


async def worker(name, lock):
    print(name, "waits")
    async with lock:
        print(name, "holds")
        await asyncio.sleep(0.01)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tasks = [asyncio.create_task(worker(n, lock)) for n in ["w1", "w2", "w3"]]
    await asyncio.sleep(0.01)
    lock.release()
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: w1 waits
# expect: w2 waits
# expect: w3 waits
# expect: w1 holds
# expect: w2 holds
# expect: w3 holds
