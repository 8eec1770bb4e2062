import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    fut.set_result(None)
    print(fut.result())


asyncio.run(main())
# expect: InvalidStateError: Result is not set.
# expect: None
