import asyncio


class Thing:
    pass


async def main():
    try:
        await Thing()
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
# expect: TypeError: object Thing can't be used in 'await' expression
