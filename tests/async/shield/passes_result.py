import asyncio


async def value():
    await asyncio.sleep(0)
    return 99


async def failing():
    raise OSError("disk")


async def main():
    print(await asyncio.shield(value()))
    try:
        await asyncio.shield(failing())
    except OSError as e:
        print("OSError", e)


asyncio.run(main())
# expect: 99
# expect: OSError disk
