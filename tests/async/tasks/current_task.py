import asyncio


async def child(box):
    box.append(asyncio.current_task())


async def main():
    me = asyncio.current_task()
    box = []
    t = asyncio.create_task(child(box))
    await t
    print(box[0] is t, box[0] is me, isinstance(me, asyncio.Task))


asyncio.run(main())
# expect: True False True
