import asyncio


async def reader(i, fut):
    print("reader", i, await fut)


async def main():
    fut = asyncio.get_running_loop().create_future()
    readers = asyncio.gather(*[reader(i, fut) for i in range(3)])
    await asyncio.sleep(0.01)
    fut.set_result("shared")
    await readers


asyncio.run(main())
# expect: reader 0 shared
# expect: reader 1 shared
# expect: reader 2 shared
