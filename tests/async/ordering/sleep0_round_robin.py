# sleep(0) yields to every task already ready: three tasks take turns.
import asyncio


async def worker(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(worker("A"), worker("B"), worker("C"))


asyncio.run(main())
# expect: A 0
# expect: B 0
# expect: C 0
# expect: A 1
# expect: B 1
# expect: C 1
# expect: A 2
# expect: B 2
# expect: C 2
