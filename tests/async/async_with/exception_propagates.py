import asyncio


class Logged:
    async def __aenter__(self):
        print("enter")

    async def __aexit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__)


async def main():
    try:
        async with Logged() as value:
            print("value is", value)
            raise KeyError("k")
    except KeyError as e:
        print("caught", e)


asyncio.run(main())
# expect: enter
# expect: value is None
# expect: exit KeyError
# expect: caught 'k'
