import asyncio


async def inner():
    return 1


async def main():
    try:
        asyncio.run(inner())
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
# expect: RuntimeError: asyncio.run() cannot be called from a running event loop
# expect stderr: RuntimeWarning: coroutine 'inner' was never awaited
