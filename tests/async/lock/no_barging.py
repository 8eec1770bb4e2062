# A task that releases the lock and immediately asks again goes to the back
# of the line behind the waiters.
import asyncio


async def greedy(lock, log):
    for i in range(3):
        async with lock:
            log.append(f"greedy{i}")
            await asyncio.sleep(0)


async def polite(name, lock, log):
    async with lock:
        log.append(name)


async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(greedy(lock, log), polite("p1", lock, log), polite("p2", lock, log))
    print(log)


asyncio.run(main())
# expect: ['greedy0', 'p1', 'p2', 'greedy1', 'greedy2']
