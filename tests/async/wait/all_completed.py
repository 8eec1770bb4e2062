import asyncio


async def job(x, delay):
    await asyncio.sleep(delay)
    return x


async def main():
    tasks = [asyncio.create_task(job(i, 0.01 * (3 - i))) for i in range(3)]
    done, pending = await asyncio.wait(tasks)
    print(len(done), len(pending))
    print(sorted([t.result() for t in done]))
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    print(len(done), len(pending), type(done).__name__)


asyncio.run(main())
# expect: 3 0
# expect: [0, 1, 2]
# expect: 3 0 set
