import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(1))
    try:
        await asyncio.wait_for(t, 0.02)
    except asyncio.TimeoutError as e:
        print(type(e).__name__, asyncio.TimeoutError is TimeoutError)
    print(t.done(), t.cancelled())


asyncio.run(main())
# expect: TimeoutError True
# expect: True True
