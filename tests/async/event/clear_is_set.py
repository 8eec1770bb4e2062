import asyncio


async def main():
    ev = asyncio.Event()
    print(ev.is_set())
    ev.set()
    print(ev.is_set())
    print(await ev.wait())
    ev.clear()
    print(ev.is_set())
    try:
        await asyncio.wait_for(ev.wait(), 0.02)
    except TimeoutError:
        print("cleared event blocks")


asyncio.run(main())
# expect: False
# expect: True
# expect: True
# expect: False
# expect: cleared event blocks
