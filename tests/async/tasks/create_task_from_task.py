# A task may create tasks; they join the ready queue behind what is already
# there.  sleep(0) requeues the sleeper at once, so each child resumes right
# after the grandchild it created before yielding.
import asyncio


async def grandchild(name):
    print("grandchild", name)


async def child(name):
    print("child", name)
    asyncio.create_task(grandchild(name))
    await asyncio.sleep(0)
    print("child", name, "resumed")


async def main():
    asyncio.create_task(child("a"))
    asyncio.create_task(child("b"))
    await asyncio.sleep(0.01)


asyncio.run(main())
# expect: child a
# expect: child b
# expect: grandchild a
# expect: child a resumed
# expect: grandchild b
# expect: child b resumed
