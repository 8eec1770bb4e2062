import asyncio

counter = 0


async def increment(lock):
    global counter
    for _ in range(5):
        async with lock:
            value = counter
            await asyncio.sleep(0)
            counter = value + 1


async def unsafe_increment():
    global counter
    for _ in range(5):
        value = counter
        await asyncio.sleep(0)
        counter = value + 1


async def main():
    global counter
    lock = asyncio.Lock()
    await asyncio.gather(*[increment(lock) for _ in range(4)])
    print("with lock:", counter)
    counter = 0
    await asyncio.gather(*[unsafe_increment() for _ in range(4)])
    print("without lock:", counter)


asyncio.run(main())
# expect: with lock: 20
# expect: without lock: 5
