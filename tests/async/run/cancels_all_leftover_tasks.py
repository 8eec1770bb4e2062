# Every leftover task is cancelled at exit (the order among them is not
# specified, so they are sorted before printing).
import asyncio

finished = []


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
    finally:
        finished.append(name)


async def main():
    for i, d in enumerate([5, 6, 7, 0.01]):
        asyncio.create_task(worker(f"w{i}", d))
    await asyncio.sleep(0.05)
    print("main done, finished so far:", finished)


asyncio.run(main())
print(sorted(finished))
# expect: main done, finished so far: ['w3']
# expect: ['w0', 'w1', 'w2', 'w3']
