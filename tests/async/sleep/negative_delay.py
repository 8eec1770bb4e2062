# A negative delay behaves like sleep(0).
import asyncio


async def other():
    print("other")


async def main():
    asyncio.create_task(other())
    print(await asyncio.sleep(-1, result="back"))


asyncio.run(main())
# expect: other
# expect: back
