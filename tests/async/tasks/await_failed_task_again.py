import asyncio


async def fail():
    raise LookupError("nope")


async def main():
    t = asyncio.create_task(fail())
    for _ in range(2):
        try:
            await t
        except LookupError as e:
            print("LookupError", e)


asyncio.run(main())
# expect: LookupError nope
# expect: LookupError nope
