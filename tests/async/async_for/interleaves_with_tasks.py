import asyncio


class Ticks:
    def __init__(self, name, n):
        self.name, self.n = name, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.name


async def consume(name, n):
    async for tick in Ticks(name, n):
        print(tick)


async def main():
    await asyncio.gather(consume("a", 2), consume("b", 2))


asyncio.run(main())
# expect: a
# expect: b
# expect: a
# expect: b
