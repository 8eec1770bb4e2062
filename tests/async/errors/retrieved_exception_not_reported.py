# Once exception() (or await) has looked at a task's error, nothing is
# reported on stderr.
import asyncio


async def fails():
    raise ValueError("seen")


async def main():
    t = asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print(repr(t.exception()))


asyncio.run(main())
# expect: ValueError('seen')
