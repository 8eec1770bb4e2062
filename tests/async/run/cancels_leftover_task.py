# asyncio.run cancels the tasks still pending when main returns, and waits
# for them: their finally blocks run before asyncio.run returns.
import asyncio


async def background():
    print("background started")
    try:
        await asyncio.sleep(10)
        print("not reached")
    except asyncio.CancelledError:
        print("background cancelled")
        raise
    finally:
        print("background finally")


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0)
    print("main returns")


asyncio.run(main())
print("run returned")
# expect: background started
# expect: main returns
# expect: background cancelled
# expect: background finally
# expect: run returned
