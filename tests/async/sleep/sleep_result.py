import asyncio


async def main():
    print(await asyncio.sleep(0))
    print(await asyncio.sleep(0, result="zero"))
    print(await asyncio.sleep(0.01, result=[1, 2]))
    print(await asyncio.sleep(0.01))


asyncio.run(main())
# expect: None
# expect: zero
# expect: [1, 2]
# expect: None
