import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    for fut in asyncio.as_completed([job("x", 0.09), job("y", 0.03, fail=True), job("z", 0.15)]):
        try:
            print("ok", await fut)
        except ValueError as e:
            print("failed", e)


asyncio.run(main())
# expect: failed y
# expect: ok x
# expect: ok z
