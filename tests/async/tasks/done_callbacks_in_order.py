# Done-callbacks run in registration order, each with the task as argument,
# scheduled through the loop once the task finishes.
import asyncio


async def work():
    await asyncio.sleep(0.01)
    print("work done")
    return 5


def make(tag):
    def cb(task):
        print("callback", tag, task.result())
    return cb


async def main():
    t = asyncio.create_task(work())
    for tag in ["first", "second", "third"]:
        t.add_done_callback(make(tag))
    await t
    print("main resumed")
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
# expect: work done
# expect: callback first 5
# expect: callback second 5
# expect: callback third 5
# expect: main resumed
# expect: main end
