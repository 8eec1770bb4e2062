import asyncio


class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0)
        print("open", self.name)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        print("close", self.name, exc_type)
        return False


async def main():
    async with Connection("db") as handle:
        print("using", handle)
    print("after")


asyncio.run(main())
# expect: open db
# expect: using DB
# expect: close db None
# expect: after
