import asyncio


async def main():
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("QueueEmpty", repr(str(e)), isinstance(e, Exception))


asyncio.run(main())
# expect: QueueEmpty '' True
