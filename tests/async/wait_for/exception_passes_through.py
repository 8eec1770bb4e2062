import asyncio


async def bad():
    await asyncio.sleep(0.01)
    raise ArithmeticError("inner")


async def main():
    try:
        await asyncio.wait_for(bad(), timeout=1)
    except ArithmeticError as e:
        print("ArithmeticError", e)


asyncio.run(main())
# expect: ArithmeticError inner
