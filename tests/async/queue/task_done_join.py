import asyncio


async def worker(q, log):
    while True:
        item = await q.get()
        await asyncio.sleep(0.01)
        log.append(item)
        q.task_done()


async def main():
    q = asyncio.Queue()
    log = []
    for i in range(4):
        q.put_nowait(i)
    w = asyncio.create_task(worker(q, log))
    await q.join()
    print("joined after", log)
    w.cancel()


asyncio.run(main())
# expect: joined after [0, 1, 2, 3]
