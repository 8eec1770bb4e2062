import asyncio


def shout(task):
    print("shout", task.get_name())


def whisper(task):
    print("whisper", task.get_name())


async def main():
    t = asyncio.create_task(asyncio.sleep(0.01), name="t")
    t.add_done_callback(shout)
    t.add_done_callback(whisper)
    t.add_done_callback(shout)
    print("removed", t.remove_done_callback(shout))
    print("removed", t.remove_done_callback(shout))
    await t
    await asyncio.sleep(0)


asyncio.run(main())
# expect: removed 2
# expect: removed 0
# expect: whisper t
