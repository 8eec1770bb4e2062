import asyncio


async def worker(delay):
    await asyncio.sleep(delay)


async def main():
    a = asyncio.create_task(worker(0.01), name="a")
    b = asyncio.create_task(worker(0.1), name="b")
    print(sorted([t.get_name() for t in asyncio.all_tasks()]))
    await a
    print(sorted([t.get_name() for t in asyncio.all_tasks()]))
    await b
    print(sorted([t.get_name() for t in asyncio.all_tasks()]))
    print(asyncio.current_task() in asyncio.all_tasks())


asyncio.run(main())
# expect: ['Task-1', 'a', 'b']
# expect: ['Task-1', 'b']
# expect: ['Task-1']
# expect: True
