import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "high"), (2, "mid"), (1, "also high")]:
        await q.put(item)
    while not q.empty():
        print(q.get_nowait())


asyncio.run(main())
# expect: (1, 'also high')
# expect: (1, 'high')
# expect: (2, 'mid')
# expect: (3, 'low')
