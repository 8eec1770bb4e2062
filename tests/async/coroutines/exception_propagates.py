import asyncio


async def fails(n):
    await asyncio.sleep(0)
    raise KeyError(n)


async def wraps():
    try:
        await fails("k")
    finally:
        print("wraps finally")


async def main():
    try:
        await wraps()
    except KeyError as e:
        print("caught", repr(e))


asyncio.run(main())
# expect: wraps finally
# expect: caught KeyError('k')
