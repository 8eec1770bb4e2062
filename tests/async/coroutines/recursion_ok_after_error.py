# After a RecursionError in one task, moderately deep recursion in other tasks
# still works.
import asyncio


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def forever(n):
    return forever(n + 1)


async def blow():
    try:
        forever(0)
    except RecursionError:
        print("blown")


async def fine(tag):
    await asyncio.sleep(0)
    print(tag, depth(300))


async def main():
    await asyncio.gather(blow(), fine("a"), fine("b"))


asyncio.run(main())
# expect: blown
# expect: a 300
# expect: b 300
