# The classic worker pool: N workers, a queue of jobs, join, then cancel.
import asyncio


async def worker(name, q, results):
    while True:
        job = await q.get()
        for _ in range(job):  # `job` turns of the loop
            await asyncio.sleep(0)
        results.append((job, name))
        q.task_done()


async def main():
    q = asyncio.Queue()
    results = []
    for job in [4, 1, 2, 6, 3]:
        q.put_nowait(job)
    workers = [asyncio.create_task(worker(f"w{i}", q, results)) for i in range(2)]
    await q.join()
    for w in workers:
        w.cancel()
    outcome = await asyncio.gather(*workers, return_exceptions=True)
    print([type(o).__name__ for o in outcome])
    print(results)


asyncio.run(main())
# expect: ['CancelledError', 'CancelledError']
# expect: [(1, 'w1'), (2, 'w1'), (4, 'w0'), (3, 'w0'), (6, 'w1')]
