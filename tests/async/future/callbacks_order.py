import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    for name in ["a", "b", "c"]:
        fut.add_done_callback(lambda f, name=name: print("callback", name, f.result()))
    print("removed", fut.remove_done_callback(print))
    asyncio.get_running_loop().call_later(0.01, fut.set_result, 7)
    print("awaited", await fut)
    await asyncio.sleep(0)


asyncio.run(main())
# expect: removed 0
# expect: callback a 7
# expect: callback b 7
# expect: callback c 7
# expect: awaited 7
