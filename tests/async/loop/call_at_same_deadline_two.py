# Two timers with exactly the same deadline fire in scheduling order.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    when = loop.time() + 0.02
    loop.call_at(when, print, "scheduled first")
    loop.call_at(when, print, "scheduled second")
    await asyncio.sleep(0.05)


asyncio.run(main())
# expect: scheduled first
# expect: scheduled second
