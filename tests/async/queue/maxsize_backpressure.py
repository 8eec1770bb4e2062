# A producer blocks on a full queue until the consumer makes room.
import asyncio


async def producer(q):
    for i in range(5):
        print("putting", i)
        await q.put(i)
        print("put", i)
    await q.put(None)


async def consumer(q):
    while True:
        await asyncio.sleep(0.01)
        item = await q.get()
        if item is None:
            return
        print("got", item)


async def main():
    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q), consumer(q))


asyncio.run(main())
# expect: putting 0
# expect: put 0
# expect: putting 1
# expect: put 1
# expect: putting 2
# expect: got 0
# expect: put 2
# expect: putting 3
# expect: got 1
# expect: put 3
# expect: putting 4
# expect: got 2
# expect: put 4
# expect: got 3
# expect: got 4
