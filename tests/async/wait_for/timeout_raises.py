import asyncio


async def slow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise
    finally:
        print("slow finally")


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.05)
    except TimeoutError:
        print("TimeoutError")
    except asyncio.TimeoutError:
        print("asyncio.TimeoutError")


asyncio.run(main())
# expect: slow cancelled
# expect: slow finally
# expect: TimeoutError
