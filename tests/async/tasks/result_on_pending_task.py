import asyncio


async def slow():
    await asyncio.sleep(0.01)


async def main():
    t = asyncio.create_task(slow())
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    try:
        t.exception()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await t
    print(t.result())


asyncio.run(main())
# expect: InvalidStateError: Result is not set.
# expect: InvalidStateError: Exception is not set.
# expect: None
