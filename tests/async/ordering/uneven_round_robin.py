# Tasks with different numbers of steps: a finished task drops out of the
# rotation and the others keep their relative order.
import asyncio

log = []


async def worker(name, steps):
    for i in range(steps):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)
    log.append(f"{name}!")


async def main():
    await asyncio.gather(worker("a", 1), worker("b", 3), worker("c", 2), worker("d", 0))
    print(" ".join(log))


asyncio.run(main())
# expect: a0 b0 c0 d! a! b1 c1 b2 c! b!
