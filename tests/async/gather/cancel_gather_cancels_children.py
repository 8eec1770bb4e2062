import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    g = asyncio.gather(child("c1"), child("c2"))
    await asyncio.sleep(0.01)
    print("cancel returns", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError")


asyncio.run(main())
# expect: cancel returns True
# expect: c1 cancelled
# expect: c2 cancelled
# expect: gather raised CancelledError
