import asyncio


class Numbers:
    def __init__(self, limit):
        self.i = 0
        self.limit = limit

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.limit:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def main():
    async for x in Numbers(10):
        if x == 3:
            print("break at", x)
            break
    else:
        print("not reached")
    async for x in Numbers(2):
        print("item", x)
    else:
        print("else after exhaustion")


asyncio.run(main())
# expect: break at 3
# expect: item 1
# expect: item 2
# expect: else after exhaustion
