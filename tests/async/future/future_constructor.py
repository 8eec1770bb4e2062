# asyncio.Future() inside a running loop belongs to that loop.
import asyncio


async def main():
    fut = asyncio.Future()
    print(fut.get_loop() is asyncio.get_running_loop())
    asyncio.get_running_loop().call_soon(fut.set_result, "soon")
    print(await fut)


asyncio.run(main())
# expect: True
# expect: soon
