# Tasks that only yield with sleep(0) keep running while a timer is pending:
# ten turns each take far less than the 0.05 s sleep.
import asyncio


async def spinner(name):
    for _ in range(10):
        await asyncio.sleep(0)
    print(name, "done spinning")


async def sleeper():
    await asyncio.sleep(0.05)
    print("sleeper woke")


async def main():
    await asyncio.gather(sleeper(), spinner("s1"), spinner("s2"))


asyncio.run(main())
# expect: s1 done spinning
# expect: s2 done spinning
# expect: sleeper woke
