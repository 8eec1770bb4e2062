import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(0.05)
    t1 = loop.time()
    print("type:", type(t0).__name__)
    print("advanced >= 0.05:", t1 - t0 >= 0.05)
    print("advanced < 0.5:", t1 - t0 < 0.5)


asyncio.run(main())
# expect: type: float
# expect: advanced >= 0.05: True
# expect: advanced < 0.5: True
