import asyncio


async def work():
    return "once"


async def main():
    c = work()
    print(await c)
    try:
        await c
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
# expect: once
# expect: RuntimeError: cannot reuse already awaited coroutine
