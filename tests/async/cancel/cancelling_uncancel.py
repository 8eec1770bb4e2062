import asyncio


async def worker():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cancelling() inside:", me.cancelling())
        print("uncancel() ->", me.uncancel())
        print("cancelling() now:", me.cancelling())
    return "ok"


async def main():
    t = asyncio.create_task(worker())
    print("before:", t.cancelling())
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    print("after two cancel():", t.cancelling())
    print(await t, t.cancelled())


asyncio.run(main())
# expect: before: 0
# expect: after two cancel(): 2
# expect: cancelling() inside: 2
# expect: uncancel() -> 1
# expect: cancelling() now: 1
# expect: ok False
