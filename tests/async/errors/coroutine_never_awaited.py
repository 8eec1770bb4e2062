import asyncio


async def f():
    print("never printed")


async def main():
    f()
    print("main done")


asyncio.run(main())
# expect: main done
# expect stderr: RuntimeWarning: coroutine 'f' was never awaited
