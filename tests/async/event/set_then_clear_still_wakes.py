# Waiters woken by set() return True even if the event is cleared again
# before they run.
import asyncio


async def waiter(ev):
    print("woke:", await ev.wait(), "is_set now:", ev.is_set())


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(waiter(ev))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    await t


asyncio.run(main())
# expect: woke: True is_set now: False
