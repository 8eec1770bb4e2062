# Several tasks awaiting one future resume in the order they started waiting.
import asyncio


async def waiter(name, fut):
    value = await fut
    print(name, "got", value)


async def main():
    fut = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(waiter(n, fut)) for n in ["w1", "w2", "w3"]]
    await asyncio.sleep(0)
    fut.set_result("go")
    print("result set")
    await asyncio.gather(*tasks)


asyncio.run(main())
# expect: result set
# expect: w1 got go
# expect: w2 got go
# expect: w3 got go
