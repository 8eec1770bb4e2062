import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(1)
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    try:
        fut.set_exception(ValueError())
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    print(fut.result())


asyncio.run(main())
# expect: InvalidStateError: invalid state
# expect: InvalidStateError: invalid state
# expect: 1
