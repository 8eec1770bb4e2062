# Consumers blocked on an empty queue are served in the order they waited.
import asyncio


async def consumer(name, q):
    item = await q.get()
    print(name, "got", item)


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(consumer(n, q)) for n in ["c1", "c2", "c3"]]
    await asyncio.sleep(0.01)
    for item in ["x", "y", "z"]:
        q.put_nowait(item)
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: c1 got x
# expect: c2 got y
# expect: c3 got z
