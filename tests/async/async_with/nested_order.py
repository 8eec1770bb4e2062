import asyncio


class Ctx:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("enter", self.name)
        return self

    async def __aexit__(self, *exc):
        print("exit", self.name)


async def main():
    async with Ctx("a"), Ctx("b"):
        async with Ctx("c"):
            print("body")


asyncio.run(main())
# expect: enter a
# expect: enter b
# expect: enter c
# expect: body
# expect: exit c
# expect: exit b
# expect: exit a
