# __aiter__ may return a different object that holds the iteration state.
import asyncio


class Cursor:
    def __init__(self, rows):
        self.rows = rows
        self.pos = 0

    async def __anext__(self):
        if self.pos == len(self.rows):
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.pos += 1
        return self.rows[self.pos - 1]


class Table:
    def __init__(self, *rows):
        self.rows = rows

    def __aiter__(self):
        return Cursor(self.rows)


async def main():
    t = Table("r1", "r2")
    for _ in range(2):
        async for row in t:
            print(row)


asyncio.run(main())
# expect: r1
# expect: r2
# expect: r1
# expect: r2
