# While one task sleeps, another keeps running.
import asyncio


async def sleeper():
    print("sleeping")
    await asyncio.sleep(0.2)
    print("awake")


async def counter():
    for i in range(3):
        await asyncio.sleep(0.02)
        print("count", i)


async def main():
    await asyncio.gather(sleeper(), counter())


asyncio.run(main())
# expect: sleeping
# expect: count 0
# expect: count 1
# expect: count 2
# expect: awake
