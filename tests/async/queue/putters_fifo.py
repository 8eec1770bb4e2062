# Producers blocked on a full queue put their items in the order they waited.
import asyncio


async def producer(name, q):
    await q.put(name)
    print(name, "put")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("first")
    tasks = [asyncio.create_task(producer(n, q)) for n in ["p1", "p2", "p3"]]
    await asyncio.sleep(0.01)
    out = []
    for _ in range(4):
        out.append(await q.get())
        await asyncio.sleep(0)
    await asyncio.gather(*tasks)
    print(out)


asyncio.run(main())
# expect: p1 put
# expect: p2 put
# expect: p3 put
# expect: ['first', 'p1', 'p2', 'p3']
