import asyncio


class Ctx:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        print("exit runs before the caller sees the value")


async def get():
    async with Ctx():
        return "value"


async def main():
    print(await get())


asyncio.run(main())
# expect: exit runs before the caller sees the value
# expect: value
