import asyncio


async def work():
    await asyncio.sleep(0.2)
    return "done late"


async def main():
    t = asyncio.create_task(work())
    try:
        await asyncio.wait_for(asyncio.shield(t), timeout=0.02)
    except TimeoutError:
        print("timed out, task cancelled:", t.cancelled())
    print(await t)


asyncio.run(main())
# expect: timed out, task cancelled: False
# expect: done late
