import asyncio


async def important():
    await asyncio.sleep(0.2)
    print("important work finished")
    return "saved"


async def caller(inner):
    return await asyncio.shield(inner)


async def main():
    inner = asyncio.create_task(important())
    t = asyncio.create_task(caller(inner))
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("caller cancelled")
    print("inner cancelled:", inner.cancelled())
    print(await inner)


asyncio.run(main())
# expect: caller cancelled
# expect: inner cancelled: False
# expect: important work finished
# expect: saved
