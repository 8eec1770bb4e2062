import asyncio


async def f():
    print("body runs")
    return 1


async def main():
    c = f()
    print("created", type(c).__name__, asyncio.iscoroutine(c))
    print("awaiting")
    print("got", await c)


asyncio.run(main())
# expect: created coroutine True
# expect: awaiting
# expect: body runs
# expect: got 1
