import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull at size", q.qsize())


asyncio.run(main())
# expect: QueueFull at size 2
