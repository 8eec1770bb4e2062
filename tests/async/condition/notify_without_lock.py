import asyncio


async def main():
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
# expect: RuntimeError: cannot notify on un-acquired lock
# expect: RuntimeError: cannot wait on un-acquired lock
