import asyncio


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 0.05
    try:
        async with asyncio.timeout_at(deadline) as cm:
            print(cm.when() == deadline)
            await asyncio.sleep(1)
    except TimeoutError:
        print("TimeoutError at deadline:", loop.time() >= deadline)
    print("expired:", cm.expired())


asyncio.run(main())
# expect: True
# expect: TimeoutError at deadline: True
# expect: expired: True
