import asyncio


async def child(name):
    print("start", name)
    await asyncio.sleep(0)
    print("end", name)


async def main():
    tasks = [asyncio.create_task(child(n)) for n in "CAB"]
    print("created")
    for t in tasks:
        await t


asyncio.run(main())
# expect: created
# expect: start C
# expect: start A
# expect: start B
# expect: end C
# expect: end A
# expect: end B
