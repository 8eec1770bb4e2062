import asyncio


async def job(x, delay):
    await asyncio.sleep(delay)
    print("job", x, "done")
    return x * x


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(job(2, 0.09))
        t2 = tg.create_task(job(3, 0.03))
        print("body done")
    print("group done", t1.result(), t2.result())


asyncio.run(main())
# expect: body done
# expect: job 3 done
# expect: job 2 done
# expect: group done 4 9
