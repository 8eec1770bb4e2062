import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    tasks = [asyncio.create_task(job("a", 0.03)),
             asyncio.create_task(job("b", 0.09, fail=True)),
             asyncio.create_task(job("c", 0.3))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(sorted(t.get_name() == tasks[1].get_name() for t in done))
    print(len(done), len(pending), repr(tasks[1].exception()))
    done, pending = await asyncio.wait([tasks[0]], return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    tasks[2].cancel()


asyncio.run(main())
# expect: [False, True]
# expect: 2 1 ValueError('b')
# expect: 1 0
