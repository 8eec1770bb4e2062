import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    aws = [job("a", 0.15), job("b", 0.03), job("c", 0.09)]
    for fut in asyncio.as_completed(aws):
        print(await fut)


asyncio.run(main())
# expect: b
# expect: c
# expect: a
