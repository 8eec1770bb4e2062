import asyncio


class Suppress:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("exit sees", exc_type.__name__, exc)
        return True


async def main():
    async with Suppress():
        raise ValueError("swallowed")
    print("continues")


asyncio.run(main())
# expect: exit sees ValueError swallowed
# expect: continues
