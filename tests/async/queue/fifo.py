import asyncio


async def main():
    q = asyncio.Queue()
    for x in ["a", "b", "c"]:
        await q.put(x)
    print(q.qsize(), await q.get(), await q.get(), q.get_nowait(), q.qsize())


asyncio.run(main())
# expect: 3 a b c 0
