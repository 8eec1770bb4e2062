# A task cancelled before its first step never runs its body.
import asyncio


async def never():
    print("body ran")


async def main():
    t = asyncio.create_task(never())
    t.cancel()
    await asyncio.sleep(0)
    print(t.done(), t.cancelled())


asyncio.run(main())
# expect: True True
