import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for i in range(5):
        loop.call_soon(print, "soon", i)
    print("scheduled")
    await asyncio.sleep(0)
    print("main resumed")


asyncio.run(main())
# expect: scheduled
# expect: soon 0
# expect: soon 1
# expect: soon 2
# expect: soon 3
# expect: soon 4
# expect: main resumed
