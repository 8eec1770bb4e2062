import asyncio


async def nap(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke")


async def main():
    await asyncio.gather(nap("slow", 0.15), nap("fast", 0.03), nap("mid", 0.09))


asyncio.run(main())
# expect: fast woke
# expect: mid woke
# expect: slow woke
