# Many sequential round trips to a worker thread and back.
import asyncio

def f(i):
    return i * 2

async def main():
    total = 0
    for i in range(1000):
        total += await asyncio.to_thread(f, i)
    print(total)   # expect: 999000

asyncio.run(main())
