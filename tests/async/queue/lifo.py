import asyncio


async def main():
    q = asyncio.LifoQueue()
    for x in [1, 2, 3]:
        q.put_nowait(x)
    out = []
    while not q.empty():
        out.append(await q.get())
    print(out)


asyncio.run(main())
# expect: [3, 2, 1]
