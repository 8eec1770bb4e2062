import asyncio


async def resolver(fut):
    await asyncio.sleep(0.01)
    print("setting result")
    fut.set_result("payload")


async def main():
    fut = asyncio.get_running_loop().create_future()
    print(fut.done())
    asyncio.create_task(resolver(fut))
    print("got", await fut)
    print(fut.done(), fut.result())


asyncio.run(main())
# expect: False
# expect: setting result
# expect: got payload
# expect: True payload
