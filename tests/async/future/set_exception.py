import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.01, fut.set_exception, ValueError("from future"))
    try:
        await fut
    except ValueError as e:
        print("ValueError", e)
    print(fut.done(), repr(fut.exception()))


asyncio.run(main())
# expect: ValueError from future
# expect: True ValueError('from future')
