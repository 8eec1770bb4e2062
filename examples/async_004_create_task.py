# Seed 004 ("Python asyncio Basics", Running Multiple Tasks Concurrently):
# two tasks, 2 s and 1 s, finish in 2 s.  Unchanged.
import asyncio

async def work(name, delay):
    print(f"{name} started")
    await asyncio.sleep(delay)
    print(f"{name} finished")

async def main():
    task1 = asyncio.create_task(work("A", 2))
    task2 = asyncio.create_task(work("B", 1))

    await task1
    await task2

asyncio.run(main())
