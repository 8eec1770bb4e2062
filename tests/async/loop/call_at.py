import asyncio


async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    loop.call_at(now + 0.04, print, "at +0.04")
    loop.call_at(now + 0.02, print, "at +0.02")
    loop.call_at(now - 1, print, "in the past")
    await asyncio.sleep(0.07)


asyncio.run(main())
# expect: in the past
# expect: at +0.02
# expect: at +0.04
