import asyncio


async def child(name):
    print(name, "step 1")
    await asyncio.sleep(0)
    print(name, "step 2")


async def main():
    asyncio.create_task(child("x"))
    asyncio.create_task(child("y"))
    print("main 1")
    await asyncio.sleep(0)
    print("main 2")
    await asyncio.sleep(0)
    print("main 3")


asyncio.run(main())
# expect: main 1
# expect: x step 1
# expect: y step 1
# expect: main 2
# expect: x step 2
# expect: y step 2
# expect: main 3
