import asyncio


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_later(0.02, print, "kept")
    h2 = loop.call_later(0.02, print, "cancelled timer")
    h3 = loop.call_soon(print, "cancelled soon")
    h2.cancel()
    h3.cancel()
    print(h1.cancelled(), h2.cancelled())
    await asyncio.sleep(0.05)


asyncio.run(main())
# expect: False True
# expect: kept
