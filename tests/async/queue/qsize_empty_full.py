import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.qsize(), q.empty(), q.full())
    q.put_nowait("x")
    print(q.qsize(), q.empty(), q.full())
    q.put_nowait("y")
    print(q.qsize(), q.empty(), q.full())
    unbounded = asyncio.Queue()
    for i in range(100):
        unbounded.put_nowait(i)
    print(unbounded.maxsize, unbounded.qsize(), unbounded.full())


asyncio.run(main())
# expect: 2 0 True False
# expect: 1 False False
# expect: 2 False True
# expect: 0 100 False
