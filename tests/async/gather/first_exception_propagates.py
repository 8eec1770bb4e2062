# Without return_exceptions the first exception reaches the awaiter at once;
# the other children are not cancelled and keep running.
import asyncio


async def slow():
    await asyncio.sleep(0.2)
    print("slow finished anyway")
    return "slow"


async def bad():
    await asyncio.sleep(0.02)
    raise ValueError("bad happened")


async def main():
    t = asyncio.create_task(slow())
    try:
        await asyncio.gather(t, bad())
    except ValueError as e:
        print("caught", e, "slow done:", t.done())
    print(await t)


asyncio.run(main())
# expect: caught bad happened slow done: False
# expect: slow finished anyway
# expect: slow
