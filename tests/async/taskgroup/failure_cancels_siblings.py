import asyncio


async def fails():
    await asyncio.sleep(0.02)
    raise ValueError("child failed")


async def long_job(name, log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append(name)
        raise


async def main():
    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(long_job("a", log))
            tg.create_task(fails())
            b = tg.create_task(long_job("b", log))
    except ExceptionGroup as eg:
        print("ExceptionGroup:", [repr(e) for e in eg.exceptions])
    # The group keeps its tasks in a set: the order it cancels them in is
    # not specified, so sort.
    print("cancelled:", sorted(log))
    print(a.cancelled(), b.cancelled())


asyncio.run(main())
# expect: ExceptionGroup: ["ValueError('child failed')"]
# expect: cancelled: ['a', 'b']
# expect: True True
