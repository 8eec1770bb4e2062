import asyncio


async def main():
    print("Start of main co-routine")


asyncio.run(main())
print("after run")
# expect: Start of main co-routine
# expect: after run
