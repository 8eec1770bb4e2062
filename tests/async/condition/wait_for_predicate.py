import asyncio


async def watcher(cond, state):
    async with cond:
        result = await cond.wait_for(lambda: state["n"] >= 3)
        print("predicate true, n =", state["n"], "returned", result)


async def main():
    cond = asyncio.Condition()
    state = {"n": 0}
    t = asyncio.create_task(watcher(cond, state))
    for _ in range(4):
        await asyncio.sleep(0.01)
        async with cond:
            state["n"] += 1
            print("n =", state["n"])
            cond.notify_all()
    await t


asyncio.run(main())
# expect: n = 1
# expect: n = 2
# expect: n = 3
# expect: predicate true, n = 3 returned True
# expect: n = 4
