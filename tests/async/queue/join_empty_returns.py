import asyncio


async def main():
    q = asyncio.Queue()
    await q.join()
    print("join on a fresh queue returns at once")
    q.put_nowait(1)
    q.get_nowait()
    q.task_done()
    await q.join()
    print("and after every task_done")


asyncio.run(main())
# expect: join on a fresh queue returns at once
# expect: and after every task_done
