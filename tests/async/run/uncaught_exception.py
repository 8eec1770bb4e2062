import asyncio


async def main():
    print("before")
    await asyncio.sleep(0)
    raise ValueError("boom")


asyncio.run(main())
print("not reached")
# expect: before
# expect runtime error: ValueError: boom
