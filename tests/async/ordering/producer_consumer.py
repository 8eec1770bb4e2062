# One producer, two consumers, an unbounded queue: who gets what is fixed by
# the order the consumers started waiting.
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i)
        await asyncio.sleep(0)
    for _ in range(2):
        await q.put(None)


async def consumer(name, q, got):
    while True:
        item = await q.get()
        if item is None:
            return
        print(name, "got", item)
        got.append(item)


async def main():
    q = asyncio.Queue()
    got = []
    await asyncio.gather(consumer("c1", q, got), consumer("c2", q, got), producer(q, 4))
    print(sorted(got))


asyncio.run(main())
# expect: put 0
# expect: c1 got 0
# expect: put 1
# expect: c2 got 1
# expect: put 2
# expect: c1 got 2
# expect: put 3
# expect: c2 got 3
# expect: [0, 1, 2, 3]
