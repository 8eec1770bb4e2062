import asyncio


async def ok():
    await asyncio.sleep(0.01)
    return "value"


async def bad():
    await asyncio.sleep(0.01)
    raise ValueError("bad value")


async def main():
    a = asyncio.create_task(ok())
    b = asyncio.create_task(bad())
    print(a.done(), b.done())
    await asyncio.sleep(0.05)
    print(a.done(), a.cancelled(), a.result(), a.exception())
    print(b.done(), b.cancelled(), repr(b.exception()))
    try:
        b.result()
    except ValueError as e:
        print("result() raises", e)


asyncio.run(main())
# expect: False False
# expect: True False value None
# expect: True False ValueError('bad value')
# expect: result() raises bad value
