import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.06, print, "third")
    loop.call_later(0.02, print, "first")
    loop.call_later(0.04, print, "second")
    loop.call_soon(print, "soon")
    await asyncio.sleep(0.1)
    print("end")


asyncio.run(main())
# expect: soon
# expect: first
# expect: second
# expect: third
# expect: end
