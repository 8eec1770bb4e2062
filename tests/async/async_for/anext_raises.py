import asyncio


class Broken:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise OSError("stream broke")


async def main():
    try:
        async for x in Broken():
            print("not reached")
    except OSError as e:
        print("OSError:", e)


asyncio.run(main())
# expect: OSError: stream broke
